// A burst of proxied requests against a gateway, `concurrency` at a time over one keep-alive pool,
// rotating through OpenAI chat (JSON and SSE) and Anthropic messages. Each request carries planted
// PII (so its audit event has findings) and a unique model name, which the audit event records:
// that tag ties every event to exactly one request, so a duplicated or invented event shows.
import { Pool } from 'undici';

export interface Burst {
  /** model tags of every request sent so far */
  readonly sent: Set<string>;
  /** requests sent and not yet answered */
  inFlight(): number;
  /** requests answered with 200 */
  ok(): number;
  /** anything other than a 200 that happened before halt() */
  readonly failures: string[];
  /** stops sending; what is in flight is left alone (the gateway is about to be killed) */
  halt(): void;
  /** resolves once every worker has ended (after halt() and the gateway's death) */
  finished(): Promise<void>;
}

const CARD = '4111 1111 1111 1111';

/** The body of request `n`; its path and headers follow the rotation. */
export function burstRequest(n: number, tag: string): { path: string; headers: Record<string, string>; body: string } {
  const text = `Customer ${tag}: mail user${n}@example-crash.org, card ${CARD}.`;
  const messages = [{ role: 'user', content: text }];
  if (n % 3 === 2) {
    return {
      path: '/v1/messages',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-client-own', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: tag, max_tokens: 32, messages }),
    };
  }
  return {
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client-own' },
    body: JSON.stringify({ model: tag, stream: n % 3 === 1, messages }),
  };
}

export function startBurst(url: string, tagPrefix: string, concurrency: number): Burst {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  const sent = new Set<string>();
  const failures: string[] = [];
  let halted = false;
  let next = 0;
  let inFlight = 0;
  let ok = 0;

  async function worker(): Promise<void> {
    while (!halted) {
      const n = next++;
      const tag = `${tagPrefix}-r${n}`;
      const { path, headers, body } = burstRequest(n, tag);
      sent.add(tag);
      inFlight++;
      try {
        const res = await pool.request({ method: 'POST', path, headers, body });
        const text = await res.body.text();
        if (res.statusCode === 200) ok++;
        else if (!halted) failures.push(`${tag}: ${res.statusCode} ${text.slice(0, 200)}`);
      } catch (err) {
        // Once halted, the gateway is being killed: broken connections are the point.
        if (!halted) failures.push(`${tag}: ${(err as Error).message}`);
      } finally {
        inFlight--;
      }
    }
  }

  const workers = Array.from({ length: concurrency }, () => worker());
  return {
    sent,
    failures,
    inFlight: () => inFlight,
    ok: () => ok,
    halt() {
      halted = true;
    },
    async finished() {
      await pool.destroy();
      await Promise.all(workers);
    },
  };
}
