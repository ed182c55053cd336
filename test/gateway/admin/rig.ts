// Shared pieces of the admin API tests: a real gateway in front of the fake provider, the admin
// token read from the data dir as a user would, and a small SSE client for GET /admin/events.
import { readFileSync } from 'node:fs';
import { request, type ClientRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../../helpers/gateway.js';
import { postJson, send, type HttpResult, type SendOptions } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import type { DeepPartial } from '../../../gateway/config/load.js';
import type { GatewayConfig } from '../../../gateway/config/schema.js';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';

export const readAdminToken = (dataDir: string): string => readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();

export interface AdminRig {
  fake: FakeProvider;
  gw: TestGateway;
  token: string;
  /** An admin request with the bearer token (unless headers.authorization says otherwise). */
  api(path: string, opts?: SendOptions): Promise<HttpResult>;
  /** Audit events announced on the bus since the rig started, in order. */
  audits: AuditEvent[];
  close(): Promise<void>;
}

export async function startAdminRig(config: DeepPartial<GatewayConfig> = {}, opts: TestGatewayOptions & { fake?: FakeProvider } = {}): Promise<AdminRig> {
  const fake = opts.fake ?? (await startFakeProvider());
  const gw = await startTestGateway(fake.url, config, opts);
  const token = readAdminToken(gw.dataDir);
  const audits: AuditEvent[] = [];
  const off = gw.app.bus.on('audit', (e) => audits.push(e));
  return {
    fake,
    gw,
    token,
    audits,
    api: (path, o = {}) => send(gw.url, path, { ...o, headers: { authorization: `Bearer ${token}`, ...o.headers } }),
    close: async () => {
      off();
      await gw.close();
      if (!opts.fake) await fake.close();
    },
  };
}

/** One proxied OpenAI chat request; resolves once its audit event is on the bus and durable. */
export async function chat(rig: AdminRig, text: string, headers: OutgoingHttpHeaders = {}, path = '/v1/chat/completions'): Promise<AuditEvent> {
  const before = rig.audits.length;
  const res = await postJson(rig.gw.url, path, { model: 'gpt-test', messages: [{ role: 'user', content: text }] }, { authorization: 'Bearer sk-client', ...headers });
  if (res.status >= 500) throw new Error(`proxied request failed: ${res.status} ${res.text}`);
  await waitUntil(() => rig.audits.length > before, 'the audit event');
  await rig.gw.store.audit.flush();
  return rig.audits[before];
}

export interface StreamMessage {
  id: string | undefined;
  event: string | undefined;
  data: string;
  json: unknown;
}

/** A minimal SSE client: records every event and comment, and waits for the ones a test needs. */
export class SseClient {
  readonly messages: StreamMessage[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: IncomingHttpHeaders = {};
  #req: ClientRequest | undefined;
  #ended = false;
  #wake = new Set<() => void>();

  static open(base: string, path: string, headers: OutgoingHttpHeaders): Promise<SseClient> {
    const client = new SseClient();
    const parser = createParser({
      onEvent: (e) => {
        client.messages.push({ id: e.id, event: e.event, data: e.data, get json(): unknown { return JSON.parse(e.data); } });
        client.#notify();
      },
      onComment: (c) => {
        client.comments.push(c);
        client.#notify();
      },
    });
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { headers, agent: false }, (res) => {
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (d: string) => parser.feed(d));
        res.on('error', () => undefined);
        res.on('close', () => {
          client.#ended = true;
          client.#notify();
        });
        resolve(client);
      });
      client.#req = req;
      req.on('error', reject);
      req.end();
    });
  }

  get ended(): boolean {
    return this.#ended;
  }

  #notify(): void {
    for (const w of this.#wake) w();
  }

  /** Resolves once `count` messages match, with those messages. */
  async waitFor(match: (m: StreamMessage) => boolean, count = 1, timeoutMs = 5000): Promise<StreamMessage[]> {
    const found = () => this.messages.filter(match);
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (found().length >= count) finish();
        else if (this.#ended) finish(new Error(`stream ended with ${found().length}/${count} matching messages`));
      };
      const timer = setTimeout(() => finish(new Error(`timed out with ${found().length}/${count} matching messages`)), timeoutMs);
      const finish = (err?: Error) => {
        clearTimeout(timer);
        this.#wake.delete(check);
        if (err) reject(err);
        else resolve();
      };
      this.#wake.add(check);
      check();
    });
    return found();
  }

  /** Resolves when the server ends the stream. */
  async waitEnded(timeoutMs = 5000): Promise<void> {
    await waitUntil(() => this.#ended, 'the stream to end', timeoutMs);
  }

  close(): void {
    this.#req?.destroy();
  }
}

export const isAudit = (m: StreamMessage): boolean => m.event === 'audit';
