// The admin API's gate: the bearer token from <data-dir>/admin-token (0600, stable across restarts),
// same-origin browsers only, the global Host check, and never a CORS header.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rmSync } from 'node:fs';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, tempDir } from '../../helpers/gateway.js';
import { hostOf, rawConnect, send } from '../../helpers/http.js';
import { readAdminToken, startAdminRig, type AdminRig } from './rig.js';

const codeOf = (json: unknown) => (json as { error: { code: string } }).error.code;

describe('admin API authentication and origin checks', () => {
  let rig: AdminRig;
  let port: string;
  before(async () => {
    rig = await startAdminRig();
    port = new URL(rig.gw.url).port;
  });
  after(() => rig.close());

  it('refuses a missing, wrong, malformed or non-bearer token with 401 GW_ERR_ADMIN_UNAUTHORIZED', async () => {
    const wrong = `${rig.token.slice(0, -1)}${rig.token.endsWith('A') ? 'B' : 'A'}`;
    const cases: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${wrong}` },
      { authorization: `Bearer ${rig.token}x` },
      { authorization: `Bearer ${rig.token.slice(0, 10)}` },
      { authorization: `Basic ${Buffer.from(`admin:${rig.token}`).toString('base64')}` },
      { authorization: rig.token },
      { authorization: 'Bearer' },
    ];
    for (const headers of cases) {
      const res = await send(rig.gw.url, '/admin/health', { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal(codeOf(res.json), 'GW_ERR_ADMIN_UNAUTHORIZED');
      assert.equal(res.headers['www-authenticate'], 'Bearer');
      assert.equal((res.json as { error: { type: string } }).error.type, 'authentication_error');
    }
  });

  it('accepts the token (scheme case-insensitive) on every admin route, and 404s unknown ones only after auth', async () => {
    assert.equal((await rig.api('/admin/health')).status, 200);
    assert.equal((await send(rig.gw.url, '/admin/health', { headers: { authorization: `bearer ${rig.token}` } })).status, 200);
    const unknownNoToken = await send(rig.gw.url, '/admin/nope');
    assert.equal(unknownNoToken.status, 401);
    const unknown = await rig.api('/admin/nope');
    assert.equal(unknown.status, 404);
    assert.equal(codeOf(unknown.json), 'GW_ERR_ADMIN_NOT_FOUND');
    for (const [method, path] of [['GET', '/admin/config'], ['PUT', '/admin/config'], ['GET', '/admin/keys'], ['POST', '/admin/keys'], ['DELETE', '/admin/keys/ck_x'], ['PUT', '/admin/providers/openai/key'], ['DELETE', '/admin/providers/openai/key'], ['GET', '/admin/audit'], ['GET', '/admin/audit/export'], ['GET', '/admin/stats'], ['GET', '/admin/events']]) {
      const res = await send(rig.gw.url, path, { method, body: method === 'PUT' || method === 'POST' ? {} : undefined });
      assert.equal(res.status, 401, `${method} ${path}`);
    }
  });

  it('refuses a foreign Origin with 403 GW_ERR_ADMIN_ORIGIN even with the right token', async () => {
    const foreign = [
      'http://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1:${Number(port) + 1}`,
      `https://127.0.0.1:${port}`,
      `http://localhost.evil.example:${port}`,
      'null',
    ];
    for (const origin of foreign) {
      const res = await rig.api('/admin/config', { headers: { origin } });
      assert.equal(res.status, 403, origin);
      assert.equal(codeOf(res.json), 'GW_ERR_ADMIN_ORIGIN');
    }
    // A write from a foreign page is refused before anything changes.
    const put = await rig.api('/admin/config', { method: 'PUT', body: { audit: { retentionDays: 9 } }, headers: { origin: 'http://evil.example' } });
    assert.equal(put.status, 403);
    assert.equal(rig.gw.runtime.current.audit.retentionDays, 30);
  });

  it('refuses cross-site and same-site fetches that carry no Origin (Sec-Fetch-Site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await rig.api('/admin/health', { headers: { 'sec-fetch-site': site } });
      assert.equal(res.status, 403, site);
      assert.equal(codeOf(res.json), 'GW_ERR_ADMIN_ORIGIN');
    }
    for (const site of ['same-origin', 'none']) assert.equal((await rig.api('/admin/health', { headers: { 'sec-fetch-site': site } })).status, 200, site);
  });

  it("accepts this listener's own origins (127.0.0.1, localhost, [::1] with its port)", async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`, `HTTP://LOCALHOST:${port}`]) {
      const res = await rig.api('/admin/health', { headers: { origin, 'sec-fetch-site': 'same-origin' } });
      assert.equal(res.status, 200, origin);
    }
  });

  it('refuses a foreign Host on admin routes with 403 GW_ERR_BOUNDARY_HOST (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      const conn = await rawConnect(rig.gw.url, `GET /admin/health HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${rig.token}\r\nConnection: close\r\n\r\n`);
      const text = await conn.until((t) => t.includes('}'));
      assert.match(text, /^HTTP\/1\.1 403 /, host);
      assert.match(text, /GW_ERR_BOUNDARY_HOST/);
    }
    const ok = await rawConnect(rig.gw.url, `GET /admin/health HTTP/1.1\r\nHost: ${hostOf(rig.gw.url)}\r\nAuthorization: Bearer ${rig.token}\r\nConnection: close\r\n\r\n`);
    assert.match(await ok.until((t) => t.includes('}')), /^HTTP\/1\.1 200 /);
  });

  it('never sends CORS headers, not on success, refusal or preflight', async () => {
    const origin = `http://localhost:${port}`;
    const responses = [
      await rig.api('/admin/health', { headers: { origin } }),
      await rig.api('/admin/health', { headers: { origin: 'http://evil.example' } }),
      await send(rig.gw.url, '/admin/health', { headers: { origin } }),
      await send(rig.gw.url, '/admin/config', { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' } }),
    ];
    for (const res of responses) {
      assert.deepEqual(Object.keys(res.headers).filter((h) => h.startsWith('access-control-')), [], `${res.status}`);
    }
    assert.equal(responses[0].headers['cache-control'], 'no-store');
  });
});

describe('admin token file', () => {
  let fake: FakeProvider;
  before(async () => (fake = await startFakeProvider()));
  after(() => fake.close());

  it('is created 0600 with ≥ 32 random bytes and reused across restarts over the same data dir', async () => {
    const dataDir = tempDir();
    try {
      const first = await startTestGateway(fake.url, {}, { dataDir });
      const token = readAdminToken(dataDir);
      assert.equal(statSync(join(dataDir, 'admin-token')).mode & 0o777, 0o600);
      assert.match(token, /^[A-Za-z0-9_-]{43,}$/);
      assert.ok(Buffer.from(token, 'base64url').length >= 32);
      await first.close();

      const second = await startTestGateway(fake.url, {}, { dataDir });
      try {
        assert.equal(readAdminToken(dataDir), token);
        const res = await send(second.url, '/admin/health', { headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('differs between data dirs', async () => {
    const a = await startTestGateway(fake.url);
    const b = await startTestGateway(fake.url);
    try {
      assert.notEqual(readAdminToken(a.dataDir), readAdminToken(b.dataDir));
      const cross = await send(b.url, '/admin/health', { headers: { authorization: `Bearer ${readAdminToken(a.dataDir)}` } });
      assert.equal(cross.status, 401);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
