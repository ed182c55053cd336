// The boundary answers a method the path does not take before auth looks at the client: 405 with
// `Allow` even when a client key is required and missing, and the refusal spends no rate-limit token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { send } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

describe('the 405 comes before authentication', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { auth: { requireClientKey: true } } });
  });
  after(() => rig.close());

  it('a wrong method without the required client key: 405 with Allow, not 401', async () => {
    const res = await send(rig.url, '/v1/chat/completions', { method: 'GET' });
    assert.equal(res.status, 405, res.text);
    assert.equal(res.headers.allow, 'POST');
    assert.equal(res.headers['x-aegis-error'], 'GW_ERR_METHOD_NOT_ALLOWED');
    // The same request with a right method is auth's to refuse.
    assert.equal((await send(rig.url, '/v1/chat/completions', { method: 'POST', body: {} })).status, 401);
  });
});

describe('the 405 comes before the rate limit', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { rateLimit: { burst: 1, requestsPerMinute: 1 } } });
  });
  after(() => rig.close());

  it('refused methods take no token: the client still has its one request', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await send(rig.url, '/v1/models', { method: 'TRACE' })).status, 405);
    const first = await send(rig.url, '/v1/models', { method: 'GET' });
    assert.equal(first.headers['x-aegis-error'], undefined, first.text);
    assert.equal(rig.openai.requests.length, 1);
    // The burst of one is spent now, so the limit is live: the 405s above did not spend it.
    assert.equal((await send(rig.url, '/v1/models', { method: 'GET' })).headers['x-aegis-error'], 'GW_ERR_RATE_LIMITED');
  });
});
