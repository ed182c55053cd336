// A client that goes away mid-exchange makes the gateway drop the upstream request within 1 s,
// whether the response is streaming, being read whole, or not started yet.
import assert from 'node:assert/strict';
import { request, type ClientRequest } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sseEvents } from '../fake-provider/raw-client.js';
import { send } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';
import { waitUntil } from '../helpers/wait.js';

const TEXT = 'disconnect me';
const BODIES = {
  '/v1/chat/completions': { model: 'm', stream: true, messages: [{ role: 'user', content: TEXT }] },
  '/v1/responses': { model: 'm', stream: true, input: TEXT },
  '/v1/messages': { model: 'm', max_tokens: 64, stream: true, messages: [{ role: 'user', content: TEXT }] },
} as const;
type Path = keyof typeof BODIES;

/** Starts a request and resolves once `ready` holds for the response text received so far. */
function open(url: string, path: string, body: object, headers: Record<string, string>, ready: (text: string) => boolean): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('error', () => undefined);
      res.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (ready(text)) resolve(req);
      });
    });
    req.on('error', () => undefined);
    req.on('response', () => ready('') && resolve(req));
    req.end(JSON.stringify(body));
    req.once('close', () => reject(new Error('closed before ready')));
  });
}

describe('client disconnect', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  const fakeFor = (path: string) => (path.includes('/messages') ? rig.anthropic : rig.openai);

  for (const path of Object.keys(BODIES) as Path[]) {
    it(`mid-stream on ${path}: upstream is aborted in under 1 s`, async () => {
      const req = await open(rig.url, path, BODIES[path], { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '10' }, (t) => sseEvents(t).length >= 3);
      const left = performance.now();
      req.destroy();
      const aborted = await fakeFor(path).waitForAbort(0, 3000);
      assert.ok(aborted - left < 1000, `upstream aborted ${Math.round(aborted - left)} ms after the client left`);
    });
  }

  it('while the gateway waits for upstream headers: aborted in under 1 s', async () => {
    const req = request(`${rig.url}/v1/messages`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-fake-scenario': 'no-headers' } });
    req.on('error', () => undefined);
    req.end(JSON.stringify(BODIES['/v1/messages']));
    await waitUntil(() => rig.anthropic.requests.length === 1, 'the request to reach upstream');
    const left = performance.now();
    req.destroy();
    const aborted = await rig.anthropic.waitForAbort(0, 3000);
    assert.ok(aborted - left < 1000, `upstream aborted ${Math.round(aborted - left)} ms after the client left`);
  });

  it('while a JSON body is being read whole: aborted in under 1 s', async () => {
    // endless-stream on a JSON reply trickles whitespace forever after the headers.
    const req = request(`${rig.url}/v1/chat/completions`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '10' } });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: TEXT }] }));
    await waitUntil(() => rig.openai.requests.length === 1, 'the request to reach upstream');
    const left = performance.now();
    req.destroy();
    const aborted = await rig.openai.waitForAbort(0, 3000);
    assert.ok(aborted - left < 1000, `upstream aborted ${Math.round(aborted - left)} ms after the client left`);
  });

  it('after disconnects the gateway has nothing in flight and serves normally', async () => {
    const req = await open(rig.url, '/v1/chat/completions', BODIES['/v1/chat/completions'], { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '10' }, (t) => t.length > 0);
    req.destroy();
    await rig.openai.waitForAbort(0, 3000);
    await waitUntil(() => rig.gateway.app.lifecycle.inFlight === 0, 'in-flight count to drop to 0', 2000);
    const res = await send(rig.url, '/v1/models');
    assert.equal(res.status, 200);
  });
});
