// HMAC request signing through the real gateway: the check order (window, signature, nonce), every
// covered part of the request, optional vs required, and replays caught across a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, tempDir, type TestGateway } from '../../helpers/gateway.js';
import { send, type HttpResult } from '../../helpers/http.js';
import { newNonce, readSecret, signatureHeaders, signingFetch, type SignOptions } from './sign.js';
import { rmSync } from 'node:fs';

const BODY = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const CT = 'application/json';
const now = () => Math.floor(Date.now() / 1000);

interface Tamper {
  target?: string;
  body?: string;
  contentType?: string;
  method?: string;
}

/** Signs POST `target` with BODY, then (optionally) sends something else than what was signed. */
function signedPost(gateway: TestGateway, target = '/v1/chat/completions', opts: SignOptions = {}, tamper: Tamper = {}): Promise<HttpResult> {
  const headers = signatureHeaders(readSecret(gateway.dataDir), 'POST', target, CT, BODY, opts);
  return send(gateway.url, tamper.target ?? target, {
    method: tamper.method ?? 'POST',
    body: tamper.body ?? BODY,
    headers: { 'content-type': tamper.contentType ?? CT, authorization: 'Bearer sk-own', ...headers },
  });
}

const codeOf = (r: HttpResult) => (r.json as { error: { code: string } }).error.code;

describe('HMAC request signing (required)', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gateway = await startTestGateway(fake.url, { auth: { signing: 'required', signingWindowSec: 300 } });
  });
  after(async () => {
    await gateway.close();
    await fake.close();
  });

  it('accepts a good signature and sends none of the signature headers upstream', async () => {
    fake.reset();
    const r = await signedPost(gateway);
    assert.equal(r.status, 200, r.text);
    const seen = fake.requests[0]!.headers;
    for (const h of ['x-aegis-timestamp', 'x-aegis-nonce', 'x-aegis-signature']) assert.equal(seen[h], undefined, h);
  });

  it('signs a body-less GET as an empty body, and the query as sent', async () => {
    const target = '/v1/models?limit=2&after=x%20y';
    const headers = signatureHeaders(readSecret(gateway.dataDir), 'GET', target, '', '');
    assert.equal((await send(gateway.url, target, { method: 'GET', headers })).status, 200);
  });

  it('refuses a missing, malformed or wrong signature with 401 GW_ERR_AUTH_SIGNATURE', async () => {
    const unsigned = await send(gateway.url, '/v1/chat/completions', { body: BODY, headers: { 'content-type': CT } });
    assert.equal(unsigned.status, 401);
    assert.equal(codeOf(unsigned), 'GW_ERR_AUTH_SIGNATURE');
    assert.equal((unsigned.json as { error: { type: string } }).error.type, 'authentication_error');
    const wrongKey = await signedPost(gateway, undefined, { secret: Buffer.alloc(32, 1) });
    assert.equal(wrongKey.status, 401);
    assert.equal(codeOf(wrongKey), 'GW_ERR_AUTH_SIGNATURE');
    assert.equal(codeOf(await signedPost(gateway, undefined, { nonce: 'short' })), 'GW_ERR_AUTH_SIGNATURE');
    assert.equal(codeOf(await signedPost(gateway, undefined, { nonce: 'has spaces in it' })), 'GW_ERR_AUTH_SIGNATURE');
  });

  it('refuses a timestamp outside the window, either side, before looking at the signature', async () => {
    for (const ts of [now() - 301, now() + 301]) {
      const r = await signedPost(gateway, undefined, { ts });
      assert.equal(r.status, 401);
      assert.equal(codeOf(r), 'GW_ERR_AUTH_TIMESTAMP');
    }
    assert.equal(codeOf(await signedPost(gateway, undefined, { ts: now() - 1000, secret: Buffer.alloc(32, 1) })), 'GW_ERR_AUTH_TIMESTAMP');
    assert.equal((await signedPost(gateway, undefined, { ts: now() - 290 })).status, 200, 'inside the window');
  });

  it('refuses a replay with 401 GW_ERR_AUTH_REPLAY', async () => {
    const opts = { ts: now(), nonce: newNonce() };
    assert.equal((await signedPost(gateway, undefined, opts)).status, 200);
    const again = await signedPost(gateway, undefined, opts);
    assert.equal(again.status, 401);
    assert.equal(codeOf(again), 'GW_ERR_AUTH_REPLAY');
  });

  it('does not record the nonce of a badly signed request, so nonces cannot be burnt', async () => {
    const nonce = newNonce();
    assert.equal(codeOf(await signedPost(gateway, undefined, { nonce, secret: Buffer.alloc(32, 1) })), 'GW_ERR_AUTH_SIGNATURE');
    assert.equal((await signedPost(gateway, undefined, { nonce })).status, 200);
  });

  it('refuses a request whose body, path, query, content type or method differs from what was signed', async () => {
    const tampered: [string, string | undefined, Tamper][] = [
      ['body', undefined, { body: BODY.replace('hi', 'ho') }],
      ['path', '/v1/chat/completions', { target: '/openai/v1/chat/completions' }],
      ['query', '/v1/chat/completions?a=1', { target: '/v1/chat/completions?a=2' }],
      ['query added', undefined, { target: '/v1/chat/completions?a=1' }],
      ['content type', undefined, { contentType: 'application/json; charset=utf-8' }],
      ['method', '/v1/uploads', { method: 'PUT', target: '/v1/uploads' }], // a path that takes PUT (else 405 first)
    ];
    for (const [what, target, tamper] of tampered) {
      const r = await signedPost(gateway, target, {}, tamper);
      assert.equal(r.status, 401, what);
      assert.equal(codeOf(r), 'GW_ERR_AUTH_SIGNATURE', what);
    }
  });

  it('works with the SDKs through a signing fetch', async () => {
    const secret = readSecret(gateway.dataDir);
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-own', fetch: signingFetch(secret), maxRetries: 0 });
    const chat = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'signed' }] });
    assert.equal(chat.choices[0]!.message.content, 'echo: signed');
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-ant-own', fetch: signingFetch(secret), maxRetries: 0 });
    const msg = await anthropic.messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'signed' }] });
    assert.deepEqual(msg.content[0], { type: 'text', text: 'echo: signed' });
  });
});

describe('HMAC request signing (optional)', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gateway = await startTestGateway(fake.url, { auth: { signing: 'optional' } });
  });
  after(async () => {
    await gateway.close();
    await fake.close();
  });

  it('lets unsigned requests through and checks signed ones', async () => {
    assert.equal((await send(gateway.url, '/v1/chat/completions', { body: BODY, headers: { 'content-type': CT } })).status, 200);
    assert.equal((await signedPost(gateway)).status, 200);
    assert.equal(codeOf(await signedPost(gateway, undefined, { secret: Buffer.alloc(32, 1) })), 'GW_ERR_AUTH_SIGNATURE');
    const partial = await send(gateway.url, '/v1/chat/completions', { body: BODY, headers: { 'content-type': CT, 'x-aegis-nonce': newNonce() } });
    assert.equal(codeOf(partial), 'GW_ERR_AUTH_SIGNATURE', 'one signature header present means the request claims to be signed');
  });

  it('applies a switch to required (or off) at runtime', async () => {
    await gateway.runtime.update({ auth: { signing: 'required' } });
    assert.equal((await send(gateway.url, '/v1/chat/completions', { body: BODY, headers: { 'content-type': CT } })).status, 401);
    await gateway.runtime.update({ auth: { signing: 'off' } });
    assert.equal((await signedPost(gateway, undefined, { secret: Buffer.alloc(32, 1) })).status, 200, 'off ignores signatures entirely');
  });
});

describe('HMAC replay across a restart', () => {
  it('refuses a replay after the gateway restarts on the same data dir, with the same signing key', async (t) => {
    const fake = await startFakeProvider();
    t.after(() => fake.close());
    const dataDir = tempDir();
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = { auth: { signing: 'required' as const } };
    const opts = { ts: now(), nonce: newNonce() };

    const first = await startTestGateway(fake.url, config, { dataDir });
    assert.equal((await signedPost(first, undefined, opts)).status, 200);
    await first.close();

    const second = await startTestGateway(fake.url, config, { dataDir });
    t.after(() => second.close());
    const replay = await signedPost(second, undefined, opts);
    assert.equal(replay.status, 401);
    assert.equal(codeOf(replay), 'GW_ERR_AUTH_REPLAY');
    assert.equal((await signedPost(second)).status, 200, 'the signing key survived the restart');
  });
});
