// Which request headers go upstream and how: credentials and provider headers pass, hop-by-hop
// fields are stripped, the encoding and length are the gateway's, and the loop header is added.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { hostOf, postJson, rawConnect, send } from '../helpers/http.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

const LOOP = 'x-aegis-hop';
const CHAT = { model: 'm', messages: [{ role: 'user', content: 'headers' }] };
const MESSAGES = { model: 'm', max_tokens: 4, messages: [{ role: 'user', content: 'headers' }] };

describe('request headers upstream', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  it('each provider gets its allowlisted headers unchanged, and no other header', async () => {
    const openai = {
      authorization: 'Bearer sk-proj-abc123',
      'openai-organization': 'org-123',
      'openai-project': 'proj_456',
      'openai-beta': 'assistants=v2',
      'idempotency-key': 'stainless-node-retry-1',
      'x-stainless-os': 'Linux',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    const anthropic = {
      'x-api-key': 'sk-ant-api03-xyz',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'prompt-caching-2024-07-31,tools-2024-05-16',
      'x-stainless-lang': 'js',
    };
    const dropped = { 'x-custom-thing': 'dropped', 'x-user-email': 'maria.lopez@example.com', expect: '100-continue', forwarded: 'for=10.0.0.1' };
    for (const [path, body, fake, kept] of [['/v1/chat/completions', CHAT, rig.openai, openai], ['/v1/messages', MESSAGES, rig.anthropic, anthropic]] as const) {
      const res = await postJson(rig.url, path, body, { ...kept, ...dropped });
      assert.equal(res.status, 200, res.text);
      const h = fake.requests[0]!.headers;
      for (const [k, v] of Object.entries(kept)) assert.equal(h[k], v, k);
      for (const k of Object.keys(dropped)) assert.equal(h[k], undefined, `${k} must not go upstream`);
      assert.doesNotMatch(JSON.stringify(h), /maria\.lopez/);
    }
    assert.equal(rig.openai.requests[0]!.headers['anthropic-version'], undefined, 'anthropic headers stay off openai requests');
  });

  it('hop-by-hop fields, and any field named in Connection, are stripped', async () => {
    const payload = JSON.stringify(CHAT);
    const head = [
      'POST /v1/chat/completions HTTP/1.1',
      `Host: ${hostOf(rig.url)}`,
      'Content-Type: application/json',
      `Content-Length: ${payload.length}`,
      'Connection: close, X-Listed-Hop , x-other-listed',
      'Keep-Alive: timeout=5',
      'TE: trailers',
      'Trailer: x-checksum',
      'Upgrade: h2c',
      'Proxy-Authorization: Basic c2VjcmV0',
      'Proxy-Connection: keep-alive',
      'X-Listed-Hop: must-go',
      'X-Other-Listed: must-go-too',
      'Traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      '',
      '',
    ].join('\r\n');
    const conn = await rawConnect(rig.url, head + payload);
    await conn.closed;
    assert.match(conn.received(), /^HTTP\/1\.1 200 /);
    const h = rig.openai.requests[0]!.headers;
    for (const name of ['keep-alive', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-connection', 'x-listed-hop', 'x-other-listed']) {
      assert.equal(h[name], undefined, `${name} must not go upstream`);
    }
    assert.doesNotMatch(String(h.connection ?? ''), /close|listed/i, 'the client\'s Connection value is not forwarded');
    assert.equal(h.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('accept-encoding is identity upstream whatever the client asked for', async () => {
    const res = await postJson(rig.url, '/v1/chat/completions', CHAT, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(res.status, 200);
    assert.equal(rig.openai.requests[0]!.headers['accept-encoding'], 'identity');
    const res2 = await postJson(rig.url, '/v1/chat/completions', CHAT);
    assert.equal(res2.status, 200);
    assert.equal(rig.openai.requests[1]!.headers['accept-encoding'], 'identity');
  });

  it('content-length matches the forwarded body, also for a chunked request', async () => {
    const payload = JSON.stringify(CHAT);
    const half = payload.length >> 1;
    const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostOf(rig.url)}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const conn = await rawConnect(rig.url, head + chunk(payload.slice(0, half)) + chunk(payload.slice(half)) + '0\r\n\r\n');
    await conn.closed;
    assert.match(conn.received(), /^HTTP\/1\.1 200 /);
    const r = rig.openai.requests[0]!;
    assert.equal(r.body.toString(), payload);
    assert.equal(r.headers['content-length'], String(payload.length));
    assert.equal(r.headers['transfer-encoding'], undefined);
  });

  it('the Host upstream is the provider\'s, and the dashboard cookie stays behind', async () => {
    // (Gateway client keys are checked by the auth step; that they never go upstream is a unit test.)
    const res = await postJson(rig.url, '/v1/chat/completions', CHAT, { cookie: 'session=dashboard' });
    assert.equal(res.status, 200);
    const h = rig.openai.requests[0]!.headers;
    assert.equal(h.host, hostOf(rig.openai.url));
    assert.equal(h.cookie, undefined);
  });

  it('the loop header is added upstream', async () => {
    await postJson(rig.url, '/v1/chat/completions', CHAT);
    await postJson(rig.url, '/v1/messages', MESSAGES);
    const a = rig.openai.requests[0]!.headers[LOOP];
    const b = rig.anthropic.requests[0]!.headers[LOOP];
    assert.ok(typeof a === 'string' && a.length > 0);
    assert.equal(a, b, 'one value per gateway instance');
  });

  it('upstream response headers come back (request id), hop-by-hop ones do not', async () => {
    const res = await send(rig.url, '/v1/models');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['x-request-id']), /.+/);
    assert.equal(res.headers['keep-alive'], undefined);
  });

  for (const [path, anthropic] of [['/v1/chat/completions', false], ['/v1/messages', true], ['/v1/models', false], ['/anthropic/v1/models', true]] as const) {
    it(`a request already carrying the loop header is refused with 508 on ${path}`, async () => {
      const res = await send(rig.url, path, { method: path.endsWith('models') ? 'GET' : 'POST', body: path.endsWith('models') ? undefined : CHAT, headers: { [LOOP]: 'anything' } });
      assert.equal(res.status, 508);
      assert.equal(res.headers['x-aegis-error'], 'GW_ERR_BOUNDARY_LOOP');
      const body = res.json as { type?: string; error: { code: string } };
      assert.equal(body.error.code, 'GW_ERR_BOUNDARY_LOOP');
      assert.equal(body.type, anthropic ? 'error' : undefined);
      assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0);
    });
  }
});

describe('two gateways in a loop', () => {
  let rig: ProxyRig;
  let outer: TestGateway;
  before(async () => {
    rig = await startProxyRig();
    // The outer gateway's upstream is the inner gateway: what the inner one receives carries the hop header.
    outer = await startTestGateway(rig.url);
  });
  after(async () => {
    await outer.close();
    await rig.close();
  });

  it('the second gateway refuses with 508 and nothing reaches the provider', async () => {
    const res = await postJson(outer.url, '/v1/chat/completions', CHAT);
    assert.equal(res.status, 508);
    assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_BOUNDARY_LOOP');
    assert.equal(rig.openai.requests.length, 0);
  });
});
