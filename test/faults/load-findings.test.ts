// One request carrying a flood of distinct values must not stall everyone else: the 2 MB body with
// 140,000 distinct emails from the fault suite, against the real gateway, while another client
// keeps asking /healthz on its own connections.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Piscina } from 'piscina';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { send, type HttpResult } from '../helpers/http.js';

/** `count` distinct emails, space-separated: 140,000 of them make the ~2 MB body of the report. */
export function emailFlood(count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`u${i}@x${i % 97}.io`);
  return out.join(' ');
}

const chat = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
const HEADERS = { authorization: 'Bearer sk-test' };

/** Another client: /healthz on a fresh connection each time, one after another, until stopped. */
function healthProbe(url: string) {
  const answers: { at: number; status: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await send(url, '/healthz');
      answers.push({ at: performance.now(), status: r.status });
    }
  })();
  return {
    answers,
    async stop() {
      running = false;
      await loop;
    },
  };
}

describe('a request with a flood of findings (fault suite: event-loop monopoly)', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  let capped: TestGateway;
  const realRun = Piscina.prototype.run;
  const scansDone: number[] = [];
  before(async () => {
    // Observe (not replace) the worker pool, to know when the scan (the unnamed task; the body's
    // parse and re-serialisation are named ones) handed its findings back.
    Piscina.prototype.run = function (this: Piscina, ...args: Parameters<Piscina['run']>) {
      const scan = args[1]?.name === undefined;
      return realRun.apply(this, args).then((r: unknown) => {
        if (scan) scansDone.push(performance.now());
        return r;
      });
    } as Piscina['run'];
    fake = await startFakeProvider();
    capped = await startTestGateway(fake.url, { scan: { workers: 1 } });
    gw = await startTestGateway(fake.url, { scan: { workers: 1 }, limits: { findings: 1_000_000 } });
  });
  after(async () => {
    Piscina.prototype.run = realRun;
    await gw.close();
    await capped.close();
    await fake.close();
  });

  it('140,000 distinct emails in ~2 MB: refused with 413 GW_ERR_SCAN_TOO_MANY_FINDINGS under the default cap; /healthz keeps answering', async () => {
    fake.reset();
    const body = JSON.stringify(chat(emailFlood(140_000)));
    assert.ok(body.length > 1.9e6 && body.length < 2.2e6);
    const probe = healthProbe(capped.url);
    const res = await send(capped.url, '/v1/chat/completions', { body, headers: { ...HEADERS, 'content-type': 'application/json' } });
    await probe.stop();
    assert.equal(res.status, 413);
    assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_SCAN_TOO_MANY_FINDINGS');
    assert.equal(fake.requests.length, 0, 'nothing was forwarded');
    assert.ok(probe.answers.length > 0 && probe.answers.every((a) => a.status === 200));
  });

  it('below a raised cap, 20,000 distinct values are redacted in slices: /healthz answers between the scan and the upstream call', async () => {
    fake.reset();
    scansDone.length = 0;
    const text = emailFlood(20_000);
    const probe = healthProbe(gw.url);
    const res: HttpResult = await send(gw.url, '/v1/chat/completions', { body: chat(text), headers: HEADERS });
    await probe.stop();
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['x-aegis-redactions'], '20000');
    assert.equal((res.json as { choices: { message: { content: string } }[] }).choices[0]!.message.content, `echo: ${text}`);
    const forwarded = fake.requests[0]!;
    assert.ok(!forwarded.body.toString().includes('u19999@x'), 'values were replaced before leaving');
    // Redaction (policy, placeholders, durable mappings) happens after the scan returns and before
    // the upstream sees the request: other clients were answered during it, not only before or after.
    assert.equal(scansDone.length, 1, 'the scan ran on the worker pool');
    const during = probe.answers.filter((a) => a.at > scansDone[0]! && a.at < forwarded.receivedAt);
    assert.ok(during.length >= 3, `only ${during.length} /healthz answers while the request was redacted`);
    assert.ok(probe.answers.every((a) => a.status === 200));
  });
});
