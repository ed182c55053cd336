// The request line is a channel too: query values on every route and method, and path segments on
// passthrough routes, are scanned after percent-decoding and reach the provider as placeholders;
// a finding where no placeholder can stand (a parameter name, malformed encoding) refuses the request.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RecordedRequest } from '../../fake-provider/index.js';
import { send, type HttpResult } from '../../helpers/http.js';
import { startProxyRig, type ProxyRig } from '../../helpers/proxy-rig.js';
import { REDACTION_CONFIG, V } from '../redaction/plants.js';

const EMAIL = V.email.value;
const GITHUB = V.github.value;
const PLACEHOLDER = /\[\[(EMAIL|GITHUB_TOKEN)_[0-9A-Z]{8}\]\]/;
const CHAT = { model: 'm', messages: [{ role: 'user', content: 'hello' }] };
const MESSAGES = { model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hello' }] };

function assertClean(got: RecordedRequest, ...kept: string[]): void {
  for (const v of [EMAIL, GITHUB]) {
    assert.ok(!got.decodedPath.includes(v), `no planted value in the upstream URL: ${got.path}`);
    assert.ok(!got.path.includes(encodeURIComponent(v)));
  }
  assert.match(got.decodedPath, PLACEHOLDER);
  for (const k of kept) assert.ok(got.path.includes(k), `${k} kept in ${got.path}`);
}

describe('request target: query string and path segments', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: REDACTION_CONFIG });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  // Every method a passthrough path can take (gateway/boundary/methods.ts): a path in neither
  // provider's table takes all of them, as a new endpoint would.
  for (const method of ['GET', 'HEAD', 'DELETE', 'POST', 'PUT', 'PATCH']) {
    it(`${method} passthrough: query values are redacted, names and other values kept`, async () => {
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? { note: 'plain' } : undefined;
      const res = await send(rig.url, `/v1/new_endpoint?purpose=batch&owner=${encodeURIComponent(EMAIL)}&token=${GITHUB}&limit=10`, { method, body });
      assert.equal(res.status, 200, res.text);
      assert.equal(rig.openai.requests.length, 1);
      assertClean(rig.openai.requests[0]!, 'purpose=batch', 'limit=10', 'owner=', 'token=');
    });
  }

  for (const [path, body, provider] of [
    ['/v1/chat/completions', CHAT, 'openai'],
    ['/v1/responses', { model: 'm', input: 'hello' }, 'openai'],
    ['/v1/messages', MESSAGES, 'anthropic'],
    ['/v1/messages/count_tokens', MESSAGES, 'anthropic'],
    ['/openai/v1/chat/completions', CHAT, 'openai'],
    ['/anthropic/v1/messages', MESSAGES, 'anthropic'],
  ] as const) {
    it(`POST ${path}: a query value is redacted and the JSON body goes out byte for byte`, async () => {
      const raw = JSON.stringify(body);
      const res = await send(rig.url, `${path}?api-version=2024-10-21&user=${EMAIL}`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 200, res.text);
      const got = (provider === 'openai' ? rig.openai : rig.anthropic).requests[0]!;
      assertClean(got, 'api-version=2024-10-21');
      assert.ok(got.body.equals(Buffer.from(raw)), 'the body did not change, so it is the bytes received');
      assert.equal(Number(res.headers['x-aegis-redactions']), 1);
    });
  }

  it('values are seen however they are encoded: %-escapes, + for space, %2B', async () => {
    const spaced = `note ${EMAIL} here`;
    const forms = [encodeURIComponent(spaced), spaced.replace(/ /g, '+'), EMAIL.replace('@', '%40').replace(/\./g, '%2E')];
    for (const form of forms) {
      rig.reset();
      const res = await send(rig.url, `/v1/models?q=${form}`);
      assert.equal(res.status, 200, res.text);
      assertClean(rig.openai.requests[0]!);
    }
  });

  it('passthrough path segments are redacted in place; the API path stays', async () => {
    const res = await send(rig.url, `/v1/files/${encodeURIComponent(EMAIL)}/content`);
    assert.equal(res.status, 200, res.text);
    const got = rig.openai.requests[0]!;
    assertClean(got);
    assert.match(got.path, /^\/v1\/files\/%5B%5BEMAIL_[0-9A-Z]{8}%5D%5D\/content$/);
    const anth = await send(rig.url, `/anthropic/v1/messages/batches/${GITHUB}`);
    assert.equal(anth.status, 200, anth.text);
    assertClean(rig.anthropic.requests[0]!);
    assert.match(rig.anthropic.requests[0]!.path, /^\/v1\/messages\/batches\/%5B%5BGITHUB_TOKEN_/);
  });

  it('an untouched target goes upstream byte for byte, odd encodings included', async () => {
    const target = '/v1/foo/b%61r?x=1&y=%20z&&flag&a+b=c%2Bd&e=';
    const res = await send(rig.url, target);
    assert.equal(res.status, 200, res.text);
    assert.equal(rig.openai.requests[0]!.path, target);
  });

  describe('refused: a finding no placeholder can stand in for', () => {
    const refused = (res: HttpResult) => {
      assert.equal(res.status, 422, res.text);
      assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_SCAN_UNSAFE_TARGET');
      assert.ok(!res.text.includes(EMAIL), 'the error does not echo the value');
    };

    it('in a query parameter name', async () => {
      refused(await send(rig.url, `/v1/models?${encodeURIComponent(EMAIL)}=1`));
      refused(await send(rig.url, `/v1/chat/completions?${GITHUB}`, { method: 'POST', body: CHAT }));
      assert.equal(rig.openai.requests.length, 0);
    });

    it('in malformed percent-encoding of a query value', async () => {
      refused(await send(rig.url, `/v1/models?q=%E0%A4%A${EMAIL}`));
      // A malformed path is refused by the router itself, before any of this runs.
      const path = await send(rig.url, `/v1/files/%ZZ${GITHUB}`);
      assert.equal(path.status, 400);
      assert.equal(rig.openai.requests.length, 0);
    });

    it('in the Anthropic shape on Anthropic routes', async () => {
      const res = await send(rig.url, `/v1/messages?${encodeURIComponent(EMAIL)}`, { method: 'POST', body: MESSAGES });
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.json as object), ['type', 'error']);
      assert.equal(rig.anthropic.requests.length, 0);
    });
  });
});
