// A scan worker that cannot start or dies fails its request closed (500 GW_ERR_SCAN_FAILED), never
// the gateway: the fault suite saw the process exit when run from a directory other than the checkout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Piscina } from 'piscina';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { startTestGateway, tempDir, type TestGateway } from '../helpers/gateway.js';
import { send } from '../helpers/http.js';

const HEADERS = { authorization: 'Bearer sk-test' };
/** Over the 128 K-character worker threshold, with one value to redact. */
const bigChat = (tag: string) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: `${'plain words only '.repeat(9000)} mail ${tag}@example.org` }],
});

describe('scan workers (fault suite: worker loader and pool errors)', () => {
  let fake: FakeProvider;
  before(async () => {
    fake = await startFakeProvider();
  });
  after(() => fake.close());

  describe('the real CLI started from another working directory', () => {
    let child: ServedChild;
    before(async () => {
      child = await serveChild({ upstreams: { openai: fake.url }, cwd: tempDir('aegis-elsewhere-') });
    });
    after(() => child.stop());

    it('scans a body over 128 K characters on a worker and forwards it redacted; the process stays up', async () => {
      fake.reset();
      const res = await send(child.url, '/v1/chat/completions', { body: bigChat('far'), headers: HEADERS });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers['x-aegis-redactions'], '1');
      assert.ok(!fake.requests[0]!.body.toString().includes('far@example.org'));
      assert.equal((await send(child.url, '/healthz')).status, 200);
    });
  });

  describe('a worker that dies mid-scan', () => {
    let gw: TestGateway;
    const realRun = Piscina.prototype.run;
    let killNext = false;
    before(async () => {
      // Real worker threads, really terminated while they hold the task.
      Piscina.prototype.run = function (this: Piscina, ...args: Parameters<Piscina['run']>) {
        const task = realRun.apply(this, args);
        if (killNext) {
          killNext = false;
          for (const t of this.threads) void t.terminate();
        }
        return task;
      } as Piscina['run'];
      gw = await startTestGateway(fake.url, { scan: { workers: 1 } });
    });
    after(async () => {
      Piscina.prototype.run = realRun;
      await gw.close();
    });

    const killedRequest = () => {
      killNext = true;
      return send(gw.url, '/v1/chat/completions', { body: bigChat('dies'), headers: HEADERS });
    };

    it('fails that request with 500 GW_ERR_SCAN_FAILED, forwards nothing, and the next large request is scanned by a new worker', async () => {
      fake.reset();
      // A first request starts the worker, so there is a thread to kill.
      assert.equal((await send(gw.url, '/v1/chat/completions', { body: bigChat('warm'), headers: HEADERS })).status, 200);
      // On a busy machine the pool may hand the task to a fresh thread before the kill lands; such a
      // miss is an ordinary 200 and forwarded, so try again (the kill must then fail the request).
      let res = await killedRequest();
      let misses = 0;
      for (; res.status === 200 && misses < 5; misses++) res = await killedRequest();
      assert.equal(res.status, 500, `${misses} misses; ${res.text.slice(0, 200)}`);
      assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_SCAN_FAILED');
      assert.equal(fake.requests.length, 1 + misses, 'the failed request was not forwarded');
      const next = await send(gw.url, '/v1/chat/completions', { body: bigChat('after'), headers: HEADERS });
      assert.equal(next.status, 200, next.text);
      assert.equal(next.headers['x-aegis-redactions'], '1');
    });
  });

  describe("the pool's error event while a worker holds the task", () => {
    let gw: TestGateway;
    const realRun = Piscina.prototype.run;
    const pools = new Set<Piscina>();
    const TASKS = { parseJsonTask: 'parse', stringifyJsonTask: 'stringify' } as const;
    let failTask: 'scan' | 'parse' | 'stringify' | undefined;
    before(async () => {
      // The task is posted to a real worker, then the pool reports that worker dead: the event the
      // gateway listens for (piscina emits it for a worker error outside any task it tracks).
      Piscina.prototype.run = function (this: Piscina, ...args: Parameters<Piscina['run']>) {
        pools.add(this);
        const task = realRun.apply(this, args);
        const name = args[1]?.name as keyof typeof TASKS | undefined;
        const kind = name === undefined ? 'scan' : TASKS[name];
        if (failTask === kind) {
          failTask = undefined;
          this.emit('error', new Error('scan worker died'));
        }
        return task;
      } as Piscina['run'];
      gw = await startTestGateway(fake.url, { scan: { workers: 1 } });
    });
    after(async () => {
      Piscina.prototype.run = realRun;
      await gw.close();
    });

    // The boundary's parse, the scan, and the re-serialisation of the redacted body (after the vault write).
    for (const kind of ['parse', 'scan', 'stringify'] as const) {
      it(`fails the request closed during the ${kind} (500 GW_ERR_SCAN_FAILED, nothing forwarded), rebuilds the pool, and the next request is scanned`, async () => {
        fake.reset();
        assert.equal((await send(gw.url, '/v1/chat/completions', { body: bigChat('warm'), headers: HEADERS })).status, 200);
        const poolsBefore = pools.size;
        failTask = kind;
        const res = await send(gw.url, '/v1/chat/completions', { body: bigChat('dies'), headers: HEADERS });
        assert.equal(failTask, undefined, 'the fault fired');
        assert.equal(res.status, 500, res.text.slice(0, 200));
        assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_SCAN_FAILED');
        assert.equal(fake.requests.length, 1, 'the failed request was not forwarded');
        assert.equal((await send(gw.url, '/healthz')).status, 200);
        const next = await send(gw.url, '/v1/chat/completions', { body: bigChat('after'), headers: HEADERS });
        assert.equal(next.status, 200, next.text);
        assert.equal(next.headers['x-aegis-redactions'], '1');
        assert.ok(!fake.requests[1]!.body.toString().includes('after@example.org'));
        assert.equal(pools.size, poolsBefore + 1, 'a new pool took over from the one that failed');
      });
    }
  });
});
