// Methods an API route does not define get 405 with `Allow` and never reach a provider; the methods
// each provider documents for a passthrough path still pass through.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { send } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

describe('methods per route', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  const REFUSED = [
    ['GET', '/v1/chat/completions', 'POST', false],
    ['PUT', '/v1/responses', 'POST', false],
    ['GET', '/v1/messages', 'POST', true],
    ['DELETE', '/anthropic/v1/messages/count_tokens', 'POST', true],
    ['TRACE', '/v1/models', 'GET, HEAD', false],
    ['POST', '/v1/models', 'GET, HEAD', false],
    ['PATCH', '/v1/files/file-1', 'GET, HEAD, DELETE', false],
    ['OPTIONS', '/v1/embeddings', 'POST', false],
    ['TRACE', '/v1/some/new/endpoint', 'GET, HEAD, POST, PUT, PATCH, DELETE', false],
    ['PUT', '/anthropic/v1/messages/batches/msgbatch_1', 'GET, HEAD, DELETE', true],
  ] as const;

  for (const [method, path, allow, anthropic] of REFUSED) {
    it(`${method} ${path}: 405, Allow: ${allow}, not forwarded`, async () => {
      const res = await send(rig.url, path, { method });
      assert.equal(res.status, 405, res.text);
      assert.equal(res.headers.allow, allow);
      assert.equal(res.headers['x-aegis-error'], 'GW_ERR_METHOD_NOT_ALLOWED');
      const body = res.json as { type?: string; error: { code: string } };
      assert.equal(body.error.code, 'GW_ERR_METHOD_NOT_ALLOWED');
      assert.equal(body.type, anthropic ? 'error' : undefined);
      assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0, 'never forwarded');
    });
  }

  const PASSED = [
    ['GET', '/v1/models'], ['HEAD', '/v1/models'], ['GET', '/v1/models/gpt-x'], ['DELETE', '/v1/models/ft-1'],
    ['GET', '/v1/files'], ['DELETE', '/v1/files/file-1'], ['GET', '/v1/files/file-1/content'],
    ['GET', '/v1/responses/resp_1'], ['DELETE', '/v1/responses/resp_1'], ['POST', '/v1/responses/resp_1/cancel'],
    ['GET', '/v1/chat/completions/cc_1'], ['GET', '/v1/batches'], ['POST', '/v1/embeddings'],
    ['GET', '/v1/messages/batches'], ['DELETE', '/v1/messages/batches/msgbatch_1'], ['GET', '/anthropic/v1/models'],
    ['PATCH', '/v1/some/new/endpoint'],
  ] as const;

  it('the documented methods pass through', async () => {
    for (const [method, path] of PASSED) {
      const res = await send(rig.url, path, { method, body: method === 'POST' ? { input: 'x', model: 'm' } : undefined });
      assert.notEqual(res.status, 405, `${method} ${path}: ${res.text}`);
      assert.equal(res.headers['x-aegis-error'], undefined, `${method} ${path}: ${res.text}`);
    }
    assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, PASSED.length);
  });
});
