// Boundary checks, before anything reaches upstream: Host (DNS rebinding), browsers, media type,
// body size (declared and streamed), JSON depth / string / message limits, invalid and poisoned
// JSON, unknown routes. Every refusal is in the caller's provider shape with x-aegis-error, and
// neither fake provider sees a thing.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { hostOf, rawConnect, send, type HttpResult } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

const CHAT = { model: 'm', messages: [{ role: 'user', content: 'boundary' }] };
const OPENAI_PATHS = ['/v1/chat/completions', '/v1/responses', '/openai/v1/chat/completions'];
const ANTHROPIC_PATHS = ['/v1/messages', '/v1/messages/count_tokens', '/anthropic/v1/messages'];

/** Asserts the refusal: status, code header, and the provider's error shape with the gateway code. */
function refused(res: HttpResult, status: number, code: string, anthropic: boolean): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers['x-aegis-error'], code);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = res.json as Record<string, unknown>;
  if (anthropic) {
    assert.equal(body.type, 'error');
    const err = body.error as Record<string, unknown>;
    assert.equal(err.code, code);
    assert.equal(typeof err.type, 'string');
    assert.equal(typeof err.message, 'string');
  } else {
    assert.equal(body.type, undefined);
    const err = body.error as Record<string, unknown>;
    assert.equal(err.code, code);
    assert.equal(typeof err.type, 'string');
    assert.equal(typeof err.message, 'string');
    assert.ok('param' in err);
  }
}

const post = (rig: ProxyRig, path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  send(rig.url, path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

/** Nests `depth` levels of arrays. */
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('boundary (default limits)', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig();
  });
  after(() => rig.close());
  afterEach(() => {
    assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0, 'nothing may reach a provider');
    rig.reset();
  });

  describe('Host', () => {
    const port = () => Number(new URL(rig.url).port);
    const foreign = () => [
      'evil.com',
      `evil.com:${port()}`,
      `localhost.evil.com:${port()}`,
      `127.0.0.1.nip.io:${port()}`,
      `127.0.0.1:${port() + 1}`,
      `localhost:${port() === 65535 ? 1 : port() + 1}`,
      '127.0.0.1',
      'localhost',
      `127.0.0.1:${port()}.evil.com`,
      `0.0.0.0:${port()}`,
    ];
    it('a foreign name, a look-alike or the wrong port gets 403 GW_ERR_BOUNDARY_HOST', async () => {
      for (const host of foreign()) {
        for (const [path, anthropic] of [['/v1/chat/completions', false], ['/v1/messages', true]] as const) {
          const res = await post(rig, path, JSON.stringify(CHAT), { host });
          refused(res, 403, 'GW_ERR_BOUNDARY_HOST', anthropic);
        }
      }
    });

    it('applies to every route, health and unknown ones included', async () => {
      for (const path of ['/healthz', '/readyz', '/v1/models', '/nope']) {
        const res = await send(rig.url, path, { headers: { host: 'attacker.example' } });
        assert.equal(res.status, 403, path);
        assert.equal(res.headers['x-aegis-error'], 'GW_ERR_BOUNDARY_HOST');
      }
    });

    it('an HTTP/1.0 request without Host is refused', async () => {
      const conn = await rawConnect(rig.url, 'GET /healthz HTTP/1.0\r\n\r\n');
      await conn.closed;
      assert.match(conn.received(), /^HTTP\/1\.[01] 403 /);
    });

    it('the listener\'s own names pass: 127.0.0.1:P, localhost:P, [::1]:P, any case', async () => {
      for (const host of [hostOf(rig.url), `localhost:${port()}`, `LocalHost:${port()}`, `[::1]:${port()}`]) {
        const res = await send(rig.url, '/healthz', { headers: { host } });
        assert.equal(res.status, 200, host);
      }
    });
  });

  describe('browsers on proxy routes', () => {
    const browserish: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:3000' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-mode': 'navigate' },
      { 'sec-fetch-mode': 'no-cors' },
    ];
    for (const headers of browserish) {
      it(`${JSON.stringify(headers)} gets 403 GW_ERR_BOUNDARY_BROWSER`, async () => {
        for (const path of [...OPENAI_PATHS, ...ANTHROPIC_PATHS]) {
          refused(await post(rig, path, JSON.stringify(CHAT), headers), 403, 'GW_ERR_BOUNDARY_BROWSER', ANTHROPIC_PATHS.includes(path));
        }
        const models = await send(rig.url, '/v1/models', { headers });
        refused(models, 403, 'GW_ERR_BOUNDARY_BROWSER', false);
      });
    }

    it('Node fetch (undici, the SDKs\' default) is no browser: its lone sec-fetch-mode: cors passes', async () => {
      // The premise: Node's fetch sends sec-fetch-mode: cors, and no Origin or Sec-Fetch-Site.
      await fetch(`${rig.openai.url}/v1/models`);
      const h = rig.openai.requests[0]!.headers;
      assert.equal(h['sec-fetch-mode'], 'cors');
      assert.equal(h.origin, undefined);
      assert.equal(h['sec-fetch-site'], undefined);
      rig.reset();
      const viaFetch = await fetch(`${rig.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CHAT) });
      assert.equal(viaFetch.status, 200, await viaFetch.text());
      assert.equal(rig.openai.requests[0]!.headers['sec-fetch-mode'], undefined, 'sec-fetch-* never goes upstream');
      rig.reset();
    });
  });

  describe('media type', () => {
    for (const ct of ['text/plain', 'text/plain;charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-seq']) {
      it(`${ct} on JSON routes gets 415 GW_ERR_BODY_MEDIA_TYPE`, async () => {
        for (const path of [...OPENAI_PATHS, ...ANTHROPIC_PATHS]) {
          refused(await post(rig, path, JSON.stringify(CHAT), { 'content-type': ct }), 415, 'GW_ERR_BODY_MEDIA_TYPE', ANTHROPIC_PATHS.includes(path));
        }
      });
    }
    it('no content-type at all on a JSON route gets 415', async () => {
      const res = await send(rig.url, '/v1/chat/completions', { method: 'POST', body: JSON.stringify(CHAT) });
      refused(res, 415, 'GW_ERR_BODY_MEDIA_TYPE', false);
    });
  });

  describe('body size', () => {
    const huge = 40 * 1024 * 1024;
    for (const [path, anthropic] of [['/v1/chat/completions', false], ['/v1/messages', true], ['/v1/files', false]] as const) {
      it(`a 40 MB Content-Length on ${path} gets 413 before any body byte is sent`, async () => {
        const conn = await rawConnect(rig.url, `POST ${path} HTTP/1.1\r\nHost: ${hostOf(rig.url)}\r\nContent-Type: application/json\r\nContent-Length: ${huge}\r\n\r\n`);
        const text = await conn.until((t) => /\r\n\r\n[\s\S]*\}$/.test(t));
        conn.socket.destroy();
        assert.match(text, /^HTTP\/1\.1 413 /);
        assert.match(text, /x-aegis-error: GW_ERR_BODY_TOO_LARGE/i);
        const json = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { type?: string; error: { code: string; type: string } };
        assert.equal(json.error.code, 'GW_ERR_BODY_TOO_LARGE');
        assert.equal(json.type, anthropic ? 'error' : undefined);
      });
    }

    it('the connection is closed after the early 413, not left to swallow the body', async () => {
      const conn = await rawConnect(rig.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostOf(rig.url)}\r\nContent-Type: application/json\r\nContent-Length: ${huge}\r\n\r\n{"a":`);
      await conn.closed;
      assert.match(conn.received(), /^HTTP\/1\.1 413 /);
    });
  });

  describe('JSON', () => {
    it('10,000-deep JSON gets 400 GW_ERR_BODY_TOO_DEEP, not 500', async () => {
      const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      for (const [path, anthropic] of [['/v1/chat/completions', false], ['/v1/responses', false], ['/v1/messages', true], ['/v1/embeddings', false]] as const) {
        refused(await post(rig, path, deepArray(10_000)), 400, 'GW_ERR_BODY_TOO_DEEP', anthropic);
        refused(await post(rig, path, objects), 400, 'GW_ERR_BODY_TOO_DEEP', anthropic);
      }
    });

    it('65 levels (one past the default 64) is refused', async () => {
      refused(await post(rig, '/v1/chat/completions', deepArray(65)), 400, 'GW_ERR_BODY_TOO_DEEP', false);
    });

    it('a deep body hidden inside a string literal is not depth', async () => {
      // Not refused as deep; this one reaches upstream, so reset afterwards.
      const res = await post(rig, '/v1/chat/completions', JSON.stringify({ ...CHAT, note: deepArray(500) }));
      assert.equal(res.status, 200, res.text);
      rig.reset();
    });

    const invalid = ['{', '{"model":}', '{"a":1,}', "{'a':1}", 'nul', '{"a":"\\x"}', '[1,2', '{"a":1}{"b":2}', ''];
    for (const body of invalid) {
      it(`invalid JSON ${JSON.stringify(body)} gets 400 GW_ERR_BODY_INVALID_JSON`, async () => {
        refused(await post(rig, '/v1/chat/completions', body), 400, 'GW_ERR_BODY_INVALID_JSON', false);
        refused(await post(rig, '/v1/messages', body), 400, 'GW_ERR_BODY_INVALID_JSON', true);
      });
    }

    it('invalid JSON on a passthrough route with application/json gets 400 too', async () => {
      refused(await post(rig, '/v1/embeddings', '{"input":'), 400, 'GW_ERR_BODY_INVALID_JSON', false);
    });

    const poisoned = [
      '{"model":"m","__proto__":{"isAdmin":true}}',
      '{"messages":[{"role":"user","content":"x","__proto__":{"x":1}}]}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"model":"m","\\u005f_proto__":{"x":1}}',
    ];
    for (const body of poisoned) {
      it(`prototype poisoning ${body} gets 400 GW_ERR_BODY_FORBIDDEN_KEY`, async () => {
        refused(await post(rig, '/v1/chat/completions', body), 400, 'GW_ERR_BODY_FORBIDDEN_KEY', false);
        refused(await post(rig, '/anthropic/v1/messages', body), 400, 'GW_ERR_BODY_FORBIDDEN_KEY', true);
        assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
      });
    }
  });

  describe('unknown routes', () => {
    for (const [method, path, anthropic] of [
      ['GET', '/uix', false], ['GET', '/foo', false], ['POST', '/v2/chat/completions', false], ['GET', '/v1', false],
      ['POST', '/chat/completions', false], ['GET', '/openai/v2/models', false], ['GET', '/anthropic/foo', true], ['DELETE', '/nothing/here', false],
    ] as const) {
      it(`${method} ${path} gets 404 JSON GW_ERR_ROUTE_NOT_FOUND`, async () => {
        const res = await send(rig.url, path, { method, body: method === 'POST' ? CHAT : undefined });
        refused(res, 404, 'GW_ERR_ROUTE_NOT_FOUND', anthropic);
      });
    }
  });
});

describe('boundary (small configured limits)', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { limits: { bodyBytes: 64 * 1024, stringBytes: 1024, messages: 3, jsonDepth: 8 } } });
  });
  after(() => rig.close());

  const check = async (fn: () => Promise<void>) => {
    rig.reset();
    await fn();
    assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0, 'nothing may reach a provider');
  };

  it('a Content-Length over the configured limit gets 413', () => check(async () => {
    const body = JSON.stringify({ ...CHAT, pad: 'x'.repeat(1000) }).padEnd(64 * 1024 + 1, ' ');
    refused(await post(rig, '/v1/chat/completions', body), 413, 'GW_ERR_BODY_TOO_LARGE', false);
    refused(await post(rig, '/v1/messages', body), 413, 'GW_ERR_BODY_TOO_LARGE', true);
  }));

  it('a chunked body over the limit (no Content-Length) gets 413', () => check(async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostOf(rig.url)}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const piece = ' '.repeat(8192);
    const chunk = `${piece.length.toString(16)}\r\n${piece}\r\n`;
    const conn = await rawConnect(rig.url, head + '1\r\n[\r\n');
    // Keep sending until the gateway answers: 100 KB is well past the 64 KiB limit.
    for (let i = 0; i < 13 && !conn.socket.destroyed && !conn.received(); i++) conn.socket.write(chunk);
    const text = await conn.until((t) => /\r\n\r\n[\s\S]*\}$/.test(t));
    conn.socket.destroy();
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.match(text, /GW_ERR_BODY_TOO_LARGE/);
  }));

  it('a body just under the limit passes', async () => {
    rig.reset();
    const body = JSON.stringify({ ...CHAT, pad: Array(60).fill('y'.repeat(1000)) });
    const res = await post(rig, '/v1/chat/completions', body);
    assert.equal(res.status, 200, res.text);
    assert.equal(rig.openai.requests.length, 1);
  });

  it('a string over stringBytes gets 400 GW_ERR_BODY_STRING_TOO_LONG, in values and keys', () => check(async () => {
    const long = 'z'.repeat(1025);
    refused(await post(rig, '/v1/chat/completions', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: long }] })), 400, 'GW_ERR_BODY_STRING_TOO_LONG', false);
    refused(await post(rig, '/v1/messages', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: long }] })), 400, 'GW_ERR_BODY_STRING_TOO_LONG', true);
    refused(await post(rig, '/v1/embeddings', JSON.stringify({ [long]: 1 })), 400, 'GW_ERR_BODY_STRING_TOO_LONG', false);
  }));

  it('a string at exactly stringBytes passes', async () => {
    rig.reset();
    const res = await post(rig, '/v1/chat/completions', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'z'.repeat(1024) }] }));
    assert.equal(res.status, 200, res.text);
  });

  it('more messages than the limit gets 400 GW_ERR_BODY_TOO_MANY_MESSAGES', () => check(async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` }));
    refused(await post(rig, '/v1/chat/completions', JSON.stringify({ model: 'm', messages: four })), 400, 'GW_ERR_BODY_TOO_MANY_MESSAGES', false);
    refused(await post(rig, '/v1/responses', JSON.stringify({ model: 'm', input: four })), 400, 'GW_ERR_BODY_TOO_MANY_MESSAGES', false);
    refused(await post(rig, '/v1/messages', JSON.stringify({ model: 'm', max_tokens: 1, messages: four })), 400, 'GW_ERR_BODY_TOO_MANY_MESSAGES', true);
    refused(await post(rig, '/anthropic/v1/messages/count_tokens', JSON.stringify({ model: 'm', messages: four })), 400, 'GW_ERR_BODY_TOO_MANY_MESSAGES', true);
  }));

  it('exactly the message limit passes', async () => {
    rig.reset();
    const three = Array.from({ length: 3 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` }));
    const res = await post(rig, '/v1/chat/completions', JSON.stringify({ model: 'm', messages: three }));
    assert.equal(res.status, 200, res.text);
  });

  it('the configured depth limit applies: 9 levels refused, 8 pass', async () => {
    rig.reset();
    refused(await post(rig, '/v1/chat/completions', deepArray(9)), 400, 'GW_ERR_BODY_TOO_DEEP', false);
    assert.equal(rig.openai.requests.length, 0);
    const res = await post(rig, '/v1/chat/completions', deepArray(8));
    assert.equal(res.status, 200, res.text);
  });
});
