// WebSocket handshakes on API routes are answered at once with 426 naming HTTP, in the caller's
// provider shape, and never reach a provider; other upgrades (h2c) are ignored as HTTP/1.1 allows.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { rawConnect, send } from '../../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../../helpers/proxy-rig.js';
import { waitUntil } from '../../helpers/wait.js';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';

const HANDSHAKE = {
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  authorization: 'Bearer sk-test',
};

describe('WebSocket handshakes on API routes', () => {
  let rig: ProxyRig;
  const audit: AuditEvent[] = [];
  before(async () => {
    rig = await startProxyRig();
    rig.gateway.app.bus.on('audit', (e) => audit.push(e));
  });
  after(() => rig.close());
  afterEach(() => {
    assert.equal(rig.openai.requests.length + rig.anthropic.requests.length, 0, 'a handshake must never reach a provider');
    rig.reset();
  });

  const cases: [string, boolean][] = [
    ['/v1/responses', false],
    ['/v1/realtime?model=gpt-realtime', false],
    ['/openai/v1/responses', false],
    ['/v1/messages/batches', true],
    ['/anthropic/v1/messages', true],
  ];
  for (const [path, anthropic] of cases) {
    it(`GET ${path} with Upgrade: websocket gets 426 naming HTTP`, async () => {
      const res = await send(rig.url, path, { headers: HANDSHAKE });
      assert.equal(res.status, 426, res.text);
      assert.equal(res.headers['x-aegis-error'], 'GW_ERR_BOUNDARY_WEBSOCKET');
      assert.equal(res.headers.upgrade, 'HTTP/1.1');
      const body = res.json as { type?: string; error: { code: string; message: string } };
      assert.equal(body.error.code, 'GW_ERR_BOUNDARY_WEBSOCKET');
      assert.equal(body.type, anthropic ? 'error' : undefined);
      assert.match(body.error.message, /use HTTP/);
    });
  }

  it('spots the handshake however it is spelled: mixed case, a token list, or only its key header', async () => {
    for (const headers of [
      { connection: 'keep-alive, Upgrade', upgrade: 'WebSocket', 'sec-websocket-version': '13' },
      { connection: 'upgrade', upgrade: 'foo/1, websocket' },
      { 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    ]) {
      const res = await send(rig.url, '/v1/responses', { headers });
      assert.equal(res.status, 426, JSON.stringify(headers));
    }
    // POST with a body, as some clients open the socket: refused before the body is read.
    const post = await send(rig.url, '/v1/responses', { method: 'POST', headers: { ...HANDSHAKE, 'content-type': 'application/json' }, body: '{"model":"m","input":"hi"}' });
    assert.equal(post.status, 426);
  });

  it('answers at once and keeps the connection usable for the HTTP request that follows', async () => {
    const port = new URL(rig.url).port;
    const conn = await rawConnect(rig.url, [
      'GET /v1/responses HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Connection: Upgrade', 'Upgrade: websocket',
      'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', '', '',
    ].join('\r\n'));
    const first = await conn.until((t) => /\r\n\r\n[\s\S]*\}$/.test(t));
    assert.match(first, /^HTTP\/1\.1 426 /);
    const body = JSON.stringify({ model: 'm', input: 'after the handshake' });
    conn.socket.write([
      'POST /v1/responses HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', `Content-Length: ${body.length}`, '', body,
    ].join('\r\n'));
    const second = await conn.until((t) => t.includes('echo: after the handshake'));
    assert.match(second.slice(first.length), /^HTTP\/1\.1 200 /);
    conn.socket.destroy();
    assert.equal(rig.openai.requests.length, 1);
    assert.equal(rig.openai.requests[0]!.method, 'POST');
    rig.reset();
  });

  it('is recorded in the audit trail with its code', async () => {
    audit.length = 0;
    await send(rig.url, '/v1/responses', { headers: HANDSHAKE });
    await waitUntil(() => audit.some((e) => e.errorCode === 'GW_ERR_BOUNDARY_WEBSOCKET'), 'the audit event');
    const event = audit.find((e) => e.errorCode === 'GW_ERR_BOUNDARY_WEBSOCKET')!;
    assert.equal(event.status, 426);
    assert.equal(event.route, '/v1/responses');
  });

  it('other upgrades are ignored: curl --http2 on plain HTTP (Upgrade: h2c) goes through', async () => {
    const res = await send(rig.url, '/v1/chat/completions', {
      method: 'POST',
      headers: { connection: 'Upgrade, HTTP2-Settings', upgrade: 'h2c', 'http2-settings': 'AAMAAABkAAQCAAAAAAIAAAAA', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'h2c' }] }),
    });
    assert.equal(res.status, 200, res.text);
    const seen = rig.openai.requests[0]!.headers;
    assert.equal(seen.upgrade, undefined, 'hop-by-hop Upgrade is never forwarded');
    rig.reset();
  });
});
