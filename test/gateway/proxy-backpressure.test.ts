// A client that stops reading a stream throttles the upstream through the gateway: the gateway
// (a child process, measured from /proc) does not buffer what upstream would send, and upstream
// production stalls. The upstream offers far more than the bound: an endless, unpaced stream of
// 64 KiB events, capped only at 300 MB so a gateway without backpressure shows it in its RSS.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { hostOf, postJson } from '../helpers/http.js';
import { startTcpTap, type TcpTap } from '../helpers/tcp-tap.js';

const MiB = 1024 * 1024;
const EVENT = 64 * 1024;
const BOUND = 64 * MiB;

describe('backpressure to a slow-reading client', () => {
  let fake: FakeProvider;
  let tap: TcpTap;
  let child: ServedChild;
  before(async () => {
    fake = await startFakeProvider();
    tap = await startTcpTap(fake.url);
    child = await serveChild({
      upstreams: { openai: tap.url, anthropic: tap.url },
      config: { log: { level: 'warn' }, limits: { streamBytes: 300 * MiB } },
    });
  });
  after(async () => {
    await child.stop();
    await tap.close();
    await fake.close();
  });

  /** Samples `read` until it stops growing by more than one event over `quietMs`, or until timeoutMs. */
  async function plateau(read: () => number, quietMs: number, timeoutMs: number): Promise<{ value: number; stalled: boolean }> {
    const deadline = performance.now() + timeoutMs;
    let last = read();
    let since = performance.now();
    while (performance.now() < deadline) {
      await sleep(100);
      const now = read();
      if (now - last > EVENT) {
        last = now;
        since = performance.now();
      } else if (performance.now() - since >= quietMs) return { value: now, stalled: true };
    }
    return { value: read(), stalled: false };
  }

  it('gateway RSS stays bounded and upstream production stalls while the client reads nothing', async () => {
    const content = 'a'.repeat(EVENT);
    // Warm up the code paths (and the heap) with a normal stream first.
    const warm = await postJson(child.url, '/v1/chat/completions', { model: 'm', stream: true, messages: [{ role: 'user', content }] }, { 'x-fake-chunk': String(EVENT), 'x-fake-events': '50' });
    assert.equal(warm.status, 200);
    const rssBefore = child.rss();
    const tapBefore = tap.bytesFromTarget();

    const payload = JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content }] });
    const client: Socket = connect({ host: '127.0.0.1', port: Number(new URL(child.url).port) });
    client.on('error', () => undefined);
    await new Promise<void>((resolve) => client.once('connect', resolve));
    client.pause(); // never read: only the kernel buffers and the stream's own small buffer fill up
    client.write([
      'POST /v1/chat/completions HTTP/1.1',
      `Host: ${hostOf(child.url)}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(payload)}`,
      'x-fake-scenario: endless-stream',
      'x-fake-interval-ms: 0',
      `x-fake-chunk: ${EVENT}`,
      '',
      payload,
    ].join('\r\n'));

    try {
      const offered = await plateau(() => tap.bytesFromTarget() - tapBefore, 1500, 20_000);
      const rssAfter = child.rss();
      const growth = rssAfter - rssBefore;
      assert.ok(offered.value > EVENT * 4, `the stream started (${offered.value} bytes)`);
      assert.ok(offered.stalled, `upstream kept producing: ${(offered.value / MiB).toFixed(1)} MiB and counting`);
      assert.ok(offered.value < BOUND, `upstream sent ${(offered.value / MiB).toFixed(1)} MiB into a client that reads nothing`);
      assert.ok(growth < BOUND, `gateway RSS grew by ${(growth / MiB).toFixed(1)} MiB`);

      // Reading again resumes the stream: the stall was backpressure, not a broken pipe.
      let received = 0;
      client.on('data', (d: Buffer) => (received += d.length));
      client.resume();
      const resumedFrom = tap.bytesFromTarget();
      const target = resumedFrom + 8 * MiB;
      const deadline = performance.now() + 10_000;
      while (tap.bytesFromTarget() < target && performance.now() < deadline) await sleep(20);
      assert.ok(tap.bytesFromTarget() >= target, 'upstream resumed once the client read again');
      assert.ok(received > 8 * MiB, 'the client got the stream');
    } finally {
      client.destroy();
    }
    await fake.waitForAbort(1, 3000);
  });
});
