// Liveness and readiness: both answer JSON while serving; readiness turns 503 once draining.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { send } from '../../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../../helpers/proxy-rig.js';

describe('health routes', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());

  it('/healthz and /readyz answer 200 JSON without touching upstream', async () => {
    const health = await send(rig.url, '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(health.json, { status: 'ok' });
    const ready = await send(rig.url, '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json, { status: 'ready' });
    assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0);
  });

  it('/readyz answers 503 once the drain begins, while in-flight requests finish', async () => {
    const lifecycle = rig.gateway.app.lifecycle;
    // Hold one request in flight so the drain stays open while we look.
    const held = fetch(`${rig.url}/v1/models`, { headers: { 'x-fake-delay-ms': '400' } });
    while (lifecycle.inFlight === 0) await new Promise((r) => setImmediate(r));
    const drained = lifecycle.drain(5000);
    const ready = await send(rig.url, '/readyz');
    assert.equal(ready.status, 503);
    assert.equal((await held).status, 200, 'the in-flight request finished');
    assert.equal((await drained).finished, true);
  });
});
