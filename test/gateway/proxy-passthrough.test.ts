// Every other /v1 method and path passes through unchanged, to the upstream the route table picks;
// base URLs with a path prefix are honoured, and no request header can choose the upstream.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { hostOf, postJson, rawConnect, send } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

interface Echo {
  method: string;
  path: string;
  body: string;
}

describe('passthrough routes', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  it('GET /v1/models through the OpenAI SDK lists the openai upstream models', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.ok(ids.includes('gpt-4o-mini'));
    assert.equal(rig.openai.requests.length, 1);
    assert.equal(rig.openai.requests[0]!.method, 'GET');
    assert.equal(rig.openai.requests[0]!.path, '/v1/models');
    assert.equal(rig.anthropic.requests.length, 0);
  });

  it('POST /v1/embeddings through the SDK; the body is forwarded byte for byte', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'], encoding_format: 'float' });
    assert.equal(res.data.length, 2);
    assert.equal(res.data[0]!.embedding.length, 8);
    const raw = '{ "input" : "x",\n "model":"e" }';
    const direct = await postJson(rig.url, '/v1/embeddings', raw);
    assert.equal(direct.status, 200);
    assert.equal(rig.openai.requests.length, 2);
    assert.ok(rig.openai.requests[1]!.body.equals(Buffer.from(raw)));
  });

  for (const method of ['GET', 'DELETE', 'PUT', 'PATCH', 'POST']) {
    it(`${method} /v1/foo/bar?x=1&y=%20z keeps method, path and query`, async () => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : 'opaque \u0000 bytes';
      const res = await send(rig.url, '/v1/foo/bar?x=1&y=%20z', { method, body, headers: body ? { 'content-type': 'application/octet-stream' } : {} });
      assert.equal(res.status, 200, res.text);
      const echo = res.json as Echo;
      assert.equal(echo.method, method);
      assert.equal(echo.path, '/v1/foo/bar?x=1&y=%20z');
      assert.equal(rig.openai.requests.length, 1);
      assert.equal(rig.openai.requests[0]!.path, '/v1/foo/bar?x=1&y=%20z');
      if (body) assert.ok(rig.openai.requests[0]!.body.equals(Buffer.from(body)));
      assert.equal(rig.anthropic.requests.length, 0);
    });
  }

  it('HEAD passes through with no body', async () => {
    const res = await send(rig.url, '/v1/models', { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 0);
    assert.equal(rig.openai.requests[0]!.method, 'HEAD');
  });

  it('a query string on a shaped route is preserved', async () => {
    const res = await postJson(rig.url, '/v1/chat/completions?api-version=2024-01-01', { model: 'm', messages: [{ role: 'user', content: 'q' }] });
    assert.equal(res.status, 200);
    assert.equal(rig.openai.requests[0]!.path, '/v1/chat/completions?api-version=2024-01-01');
  });

  it('a non-JSON body on a passthrough route is forwarded byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 13, 10, 0x7b]);
    const res = await send(rig.url, '/v1/audio/transcriptions', { method: 'POST', body: bytes, headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    assert.equal(res.status, 200);
    const r = rig.openai.requests[0]!;
    assert.ok(r.body.equals(bytes));
    assert.equal(r.headers['content-type'], 'multipart/form-data; boundary=x');
  });

  const routes: Array<[string, 'openai' | 'anthropic', string]> = [
    ['/v1/chat/completions', 'openai', '/v1/chat/completions'],
    ['/v1/responses', 'openai', '/v1/responses'],
    ['/v1/messages', 'anthropic', '/v1/messages'],
    ['/v1/messages/count_tokens', 'anthropic', '/v1/messages/count_tokens'],
    ['/openai/v1/chat/completions', 'openai', '/v1/chat/completions'],
    ['/openai/v1/embeddings?a=b', 'openai', '/v1/embeddings?a=b'],
    ['/openai/v1/messages', 'openai', '/v1/messages'],
    ['/anthropic/v1/messages', 'anthropic', '/v1/messages'],
    ['/anthropic/v1/messages/count_tokens', 'anthropic', '/v1/messages/count_tokens'],
    // Paths that take POST (others answer 405: test/faults/http-methods.test.ts).
    ['/anthropic/v1/messages/batches?limit=2', 'anthropic', '/v1/messages/batches?limit=2'],
    ['/anthropic/v1/messages/batches/abc/cancel', 'anthropic', '/v1/messages/batches/abc/cancel'],
  ];
  for (const [path, provider, upstreamPath] of routes) {
    it(`routes POST ${path} to ${provider} as ${upstreamPath}`, async () => {
      const res = await postJson(rig.url, path, { model: 'm', max_tokens: 4, messages: [{ role: 'user', content: 'r' }] });
      assert.equal(res.status, 200, res.text);
      const on = rig[provider];
      const other = provider === 'openai' ? rig.anthropic : rig.openai;
      assert.equal(other.requests.length, 0, 'the other provider got nothing');
      assert.equal(on.requests.length, 1);
      assert.equal(on.requests[0]!.path, upstreamPath);
    });
  }

  // DESIGN.md: "/v1/messages* goes to the anthropic provider" (e.g. the Message Batches API).
  for (const [method, path] of [['POST', '/v1/messages/batches'], ['GET', '/v1/messages/batches/msgbatch_1?x=1']] as const) {
    it(`routes ${method} ${path} to anthropic`, async () => {
      const res = await send(rig.url, path, { method, body: method === 'POST' ? { requests: [] } : undefined });
      assert.equal(res.status, 200, res.text);
      assert.equal(rig.openai.requests.length, 0, 'openai must get nothing');
      assert.equal(rig.anthropic.requests[0]?.path, path);
    });
  }
});

describe('a base URL with a path prefix', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ basePath: '/base/x' });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  for (const [path, provider, upstream] of [
    ['/v1/chat/completions?q=1', 'openai', '/base/x/v1/chat/completions?q=1'],
    ['/anthropic/v1/messages', 'anthropic', '/base/x/v1/messages'],
    ['/v1/models', 'openai', '/base/x/v1/models'],
  ] as const) {
    it(`${path} goes to ${upstream} on ${provider}`, async () => {
      const res = await send(rig.url, path, { body: path.includes('models') ? undefined : { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'b' }] } });
      assert.equal(res.status, 200, res.text);
      assert.equal(rig[provider].requests[0]?.path, upstream);
    });
  }
});

describe('no request header chooses the upstream', () => {
  let rig: ProxyRig;
  let elsewhere: FakeProvider;
  before(async () => {
    rig = await startProxyRig();
    elsewhere = await startFakeProvider();
  });
  after(async () => {
    await rig.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    rig.reset();
    elsewhere.reset();
  });

  const body = { model: 'm', messages: [{ role: 'user', content: 'where' }] };
  const steering = (to: string): Array<Record<string, string>> => [
    { 'x-forwarded-host': hostOf(to) },
    { forwarded: `host=${hostOf(to)};proto=http` },
    { 'x-forwarded-proto': 'http', 'x-forwarded-port': new URL(to).port },
    { 'x-upstream': to, 'x-target-url': to, 'x-base-url': to, 'x-aegis-upstream': to },
    { 'anthropic-version': '2023-06-01', 'x-provider': 'anthropic' },
  ];

  it('steering headers are ignored: the openai upstream gets it, nothing else does', async () => {
    for (const headers of steering(elsewhere.url)) {
      const res = await postJson(rig.url, '/v1/chat/completions', body, headers);
      assert.equal(res.status, 200, `${JSON.stringify(headers)}: ${res.text}`);
    }
    assert.equal(rig.openai.requests.length, steering(elsewhere.url).length);
    assert.equal(rig.anthropic.requests.length, 0);
    assert.equal(elsewhere.requests.length, 0);
  });

  const absolute = async (target: string) => {
    const payload = JSON.stringify(body);
    const conn = await rawConnect(rig.url, `POST ${target} HTTP/1.1\r\nHost: ${hostOf(rig.url)}\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\nconnection: close\r\n\r\n${payload}`);
    await conn.closed;
    conn.socket.destroy();
    return conn.received();
  };

  it('an absolute-form request target naming another server is not followed', async () => {
    const got = await absolute(`${elsewhere.url}/v1/chat/completions`);
    assert.match(got, /^HTTP\/1\.1 \d{3} /);
    assert.equal(elsewhere.requests.length, 0);
    assert.equal(rig.anthropic.requests.length, 0);
  });

  it('an absolute-form target is refused with 400 GW_ERR_BOUNDARY_TARGET and never reaches upstream', async () => {
    const got = await absolute(`${elsewhere.url}/v1/chat/completions?k=v`);
    for (const r of rig.openai.requests) assert.match(r.path, /^\/v1\/chat\/completions\?k=v$/, `upstream saw ${r.path}`);
    assert.match(got, /^HTTP\/1\.1 400 /);
    assert.match(got, /GW_ERR_BOUNDARY_TARGET/);
  });
});
