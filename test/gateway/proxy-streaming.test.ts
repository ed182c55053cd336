// SSE streams flow through incrementally and are bounded: a too-large event, too many bytes or too
// long a stream each end with a terminal error event in the provider's shape, and upstream is let go.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sseEvents } from '../fake-provider/raw-client.js';
import { postJson } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

const TEXT = 'stream caps and pacing';
const BODIES = {
  '/v1/chat/completions': { model: 'm', stream: true, messages: [{ role: 'user', content: TEXT }] },
  '/v1/responses': { model: 'm', stream: true, input: TEXT },
  '/v1/messages': { model: 'm', max_tokens: 64, stream: true, messages: [{ role: 'user', content: TEXT }] },
} as const;
type StreamPath = keyof typeof BODIES;
const PATHS = Object.keys(BODIES) as StreamPath[];

const EVENT_CAP = 16 * 1024;
const STREAM_CAP = 256 * 1024;
const DURATION_CAP = 1000;

/** The code of the terminal error event, checking it has its provider's shape. */
function terminalCode(text: string, path: StreamPath): string {
  const events = sseEvents(text);
  const last = events[events.length - 1];
  assert.ok(last, 'at least one event');
  if (path === '/v1/messages') {
    assert.equal(last.event, 'error');
    const body = JSON.parse(last.data) as { type: string; error: { code: string } };
    assert.equal(body.type, 'error');
    return body.error.code;
  }
  assert.equal(last.event, undefined, 'OpenAI errors are bare data events');
  return (JSON.parse(last.data) as { error: { code: string } }).error.code;
}

describe('stream caps', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { limits: { sseEventBytes: EVENT_CAP, streamBytes: STREAM_CAP, streamDurationMs: DURATION_CAP } } });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  const fakeFor = (path: StreamPath) => (path === '/v1/messages' ? rig.anthropic : rig.openai);

  for (const path of PATHS) {
    it(`an event over limits.sseEventBytes on ${path} ends with GW_ERR_STREAM_EVENT_TOO_LARGE`, async () => {
      // 1 MiB spans many socket reads, so the parser has to buffer it.
      const res = await postJson(rig.url, path, BODIES[path], { 'x-fake-scenario': 'huge-event', 'x-fake-huge-bytes': String(1024 * 1024) });
      assert.equal(res.status, 200);
      assert.equal(terminalCode(res.text, path), 'GW_ERR_STREAM_EVENT_TOO_LARGE');
      assert.ok(res.body.length < EVENT_CAP * 2, 'the oversized event was not relayed');
    });

    it(`an event over the cap that arrives within one socket read on ${path} is refused too`, async () => {
      const res = await postJson(rig.url, path, BODIES[path], { 'x-fake-scenario': 'huge-event', 'x-fake-huge-bytes': String(EVENT_CAP * 2) });
      assert.equal(res.status, 200);
      assert.equal(terminalCode(res.text, path), 'GW_ERR_STREAM_EVENT_TOO_LARGE');
    });

    it(`an event just under the cap on ${path} is relayed whole`, async () => {
      const res = await postJson(rig.url, path, BODIES[path], { 'x-fake-scenario': 'huge-event', 'x-fake-huge-bytes': String(EVENT_CAP / 2) });
      assert.equal(res.status, 200);
      const events = sseEvents(res.text);
      assert.ok(events.some((e) => e.data.includes('x'.repeat(EVENT_CAP / 2))), 'the big delta arrived intact');
      assert.doesNotMatch(res.text, /GW_ERR_/);
    });

    it(`more than limits.streamBytes on ${path} ends with GW_ERR_STREAM_TOO_LARGE`, async () => {
      // Endless and unpaced 4 KiB deltas: far more than the cap, reached in a few dozen events.
      const body = JSON.parse(JSON.stringify(BODIES[path]).replace(TEXT, 'b'.repeat(4096))) as object;
      const res = await postJson(rig.url, path, body, { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '0', 'x-fake-chunk': '4096' });
      assert.equal(res.status, 200);
      assert.equal(terminalCode(res.text, path), 'GW_ERR_STREAM_TOO_LARGE');
      assert.ok(res.body.length <= STREAM_CAP + 64 * 1024, `relayed ${res.body.length} bytes`);
      await fakeFor(path).waitForAbort(0, 2000);
    });

    it(`a stream longer than limits.streamDurationMs on ${path} ends with GW_ERR_STREAM_TOO_LONG`, async () => {
      const started = performance.now();
      const res = await postJson(rig.url, path, BODIES[path], { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '20' });
      const took = performance.now() - started;
      assert.equal(res.status, 200);
      assert.equal(terminalCode(res.text, path), 'GW_ERR_STREAM_TOO_LONG');
      assert.ok(took >= DURATION_CAP - 50 && took < DURATION_CAP + 4000, `took ${took} ms`);
      assert.ok(sseEvents(res.text).length > 5, 'events flowed until the cap');
      await fakeFor(path).waitForAbort(0, 2000);
    });
  }

  it('a normal stream under every cap ends normally', async () => {
    for (const path of PATHS) {
      const res = await postJson(rig.url, path, BODIES[path], { 'x-fake-events': '50' });
      assert.doesNotMatch(res.text, /GW_ERR_/);
      assert.match(res.text, /\[DONE\]|message_stop|response\.completed/);
    }
  });
});

describe('streams stay streams', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());

  for (const path of PATHS) {
    it(`${path}: the first events reach the client while upstream is still streaming`, async () => {
      // An endless upstream never finishes, so anything received proves events are relayed one by one.
      const payload = JSON.stringify(BODIES[path]);
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(`${rig.url}${path}`, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '30' },
        }, (res) => {
          assert.match(String(res.headers['content-type']), /^text\/event-stream/);
          let got = '';
          res.setEncoding('utf8').on('data', (d: string) => {
            got += d;
            if (sseEvents(got).length >= 4) {
              req.destroy();
              resolve(got);
            }
          });
          res.on('error', () => undefined);
        });
        req.on('error', (e) => reject(e));
        req.end(payload);
      });
      assert.ok(sseEvents(text).length >= 4);
      await (path === '/v1/messages' ? rig.anthropic : rig.openai).waitForAbort(undefined, 2000);
      rig.reset();
    });
  }
});
