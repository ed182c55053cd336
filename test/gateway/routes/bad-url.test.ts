// A request path the router cannot decode answers in the caller's provider shape with its own code,
// and nothing reaches a provider.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { send } from '../../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../../helpers/proxy-rig.js';

describe('malformed percent-encoding in the path', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());

  const cases = [
    { path: '/v1/chat/completions/%zz', method: 'POST', shape: 'openai' },
    { path: '/v1/models/%E0%A4%A', method: 'GET', shape: 'openai' },
    { path: '/openai/v1/files/%', method: 'DELETE', shape: 'openai' },
    { path: '/v1/messages/%C0%80', method: 'POST', shape: 'anthropic' },
    { path: '/anthropic/v1/messages/batches/%G1', method: 'GET', shape: 'anthropic' },
  ];
  for (const c of cases) {
    it(`${c.method} ${c.path} gets 400 GW_ERR_BOUNDARY_BAD_URL in the ${c.shape} shape`, async () => {
      const r = await send(rig.url, c.path, {
        method: c.method,
        ...(c.method === 'POST' && { body: '{"model":"m","messages":[]}', headers: { 'content-type': 'application/json' } }),
      });
      assert.equal(r.status, 400);
      const body = r.json as { type?: string; error: { code?: string; type: string } };
      assert.equal(body.error.code, 'GW_ERR_BOUNDARY_BAD_URL');
      // Anthropic errors are wrapped in {"type":"error", ...}; OpenAI's are not.
      assert.equal(body.type, c.shape === 'anthropic' ? 'error' : undefined);
      assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0);
    });
  }
});
