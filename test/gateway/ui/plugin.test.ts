// The dashboard's pages under /ui/: the built renderer with strict security headers on every
// response, cache rules (index revalidated, hashed assets cached), the client-side-route fallback,
// the 503 page before a build, no path escapes, and the global Host check still in force.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { boundaryPlugin } from '../../../gateway/boundary/plugin.js';
import { registerErrorHandling } from '../../../gateway/error-handler.js';
import { CONTENT_SECURITY_POLICY } from '../../../gateway/ui/headers.js';
import { uiPlugin } from '../../../gateway/ui/plugin.js';
import { findRendererDir } from '../../../gateway/ui/renderer-dir.js';
import { tempDir } from '../../helpers/gateway.js';
import { hostOf, send, type HttpResult } from '../../helpers/http.js';

const INDEX = '<!doctype html><title>AegisGate</title><script type="module" src="/ui/assets/app-3f9a1c.js"></script>';
const SCRIPT = 'console.log("dashboard")';

async function serve(dir: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  registerErrorHandling(app);
  await app.register(boundaryPlugin, { bindHost: '127.0.0.1', bodyLimit: 1024, loopHeader: 'x-aegis-hop' });
  await app.register(uiPlugin, { dir });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

function assertSecurityHeaders(res: HttpResult, what: string): void {
  assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, what);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', what);
  assert.equal(res.headers['x-frame-options'], 'DENY', what);
  assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', what);
  assert.equal(res.headers['access-control-allow-origin'], undefined, what);
}

describe('dashboard pages (/ui/)', () => {
  let root: string;
  let dir: string;
  let ui: { app: FastifyInstance; url: string };
  before(async () => {
    root = tempDir('aegis-ui-');
    dir = join(root, 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'app-3f9a1c.js'), SCRIPT);
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    writeFileSync(join(root, 'outside.txt'), 'outside the renderer folder');
    ui = await serve(dir);
  });
  after(async () => {
    await ui.app.close();
    rmSync(root, { recursive: true, force: true });
  });
  const get = (path: string, headers: Record<string, string> = {}) => send(ui.url, path, { headers });

  it('serves index.html at /ui/, revalidated on every load, with the CSP and friends', async () => {
    for (const path of ['/ui/', '/ui/index.html']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.text, INDEX);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache', path);
      assertSecurityHeaders(res, path);
    }
    const head = await send(ui.url, '/ui/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  it('serves hashed assets with their type, cacheable for good', async () => {
    const res = await get('/ui/assets/app-3f9a1c.js');
    assert.equal(res.status, 200);
    assert.equal(res.text, SCRIPT);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assertSecurityHeaders(res, 'asset');
  });

  it('answers the renderer’s own routes with index.html, but a missing file with 404', async () => {
    for (const path of ['/ui/confirmations', '/ui/settings/rules', '/ui/assets', '/ui/assets/', '/ui/live?client=cursor']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.text, INDEX, path);
      assert.equal(res.headers['cache-control'], 'no-cache', path);
    }
    for (const path of ['/ui/assets/missing.js', '/ui/favicon.ico']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assertSecurityHeaders(res, path);
    }
    assert.equal((await send(ui.url, '/ui/confirmations', { method: 'POST', body: '{}' })).status, 404);
  });

  it('never serves dotfiles or anything outside the folder', async () => {
    for (const path of ['/ui/.env', '/ui/%2e%2e/outside.txt', '/ui/assets/%2e%2e/%2e%2e/outside.txt', '/ui/..%2foutside.txt', '/ui/%5c..%5coutside.txt']) {
      const res = await get(path);
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
      assert.ok(!res.text.includes('outside the renderer') && !res.text.includes('SECRET'), path);
    }
  });

  it('redirects / and /ui to /ui/', async () => {
    for (const path of ['/', '/ui']) {
      const res = await get(path);
      assert.equal(res.status, 302, path);
      assert.equal(res.headers.location, '/ui/');
      assertSecurityHeaders(res, path);
    }
  });

  it('welcomes browsers (Origin, Sec-Fetch-*) but keeps the Host check', async () => {
    const browser = await get('/ui/', { origin: ui.url, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' });
    assert.equal(browser.status, 200);
    const rebinding = await get('/ui/', { host: `evil.example:${new URL(ui.url).port}` });
    assert.equal(rebinding.status, 403);
    assert.equal((rebinding.json as { error: { code: string } }).error.code, 'GW_ERR_BOUNDARY_HOST');
    assert.equal((await get('/ui/', { host: hostOf(ui.url) })).status, 200);
  });
});

describe('dashboard pages before the renderer is built', () => {
  it('answers 503 with a page saying to run npm run build, and serves the build once it exists', async () => {
    const root = tempDir('aegis-ui-');
    const dir = join(root, 'dist');
    const ui = await serve(dir);
    try {
      for (const path of ['/ui/', '/ui/confirmations', '/ui/assets/app.js']) {
        const res = await send(ui.url, path);
        assert.equal(res.status, 503, path);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.match(res.text, /npm run build/);
        assertSecurityHeaders(res, path);
      }
      assert.equal((await send(ui.url, '/ui')).status, 302);
      mkdirSync(dir);
      writeFileSync(join(dir, 'index.html'), INDEX);
      const built = await send(ui.url, '/ui/');
      assert.equal(built.status, 200, 'picked up without a restart');
      assert.equal(built.text, INDEX);
    } finally {
      await ui.app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('findRendererDir', () => {
  it('finds renderer/dist next to the nearest package.json, from source or from a compiled copy', () => {
    const root = tempDir('aegis-pkg-');
    try {
      writeFileSync(join(root, 'package.json'), '{}');
      for (const sub of ['gateway/ui', 'dist/gateway/ui']) {
        mkdirSync(join(root, sub), { recursive: true });
        assert.equal(findRendererDir(join(root, sub)), join(root, 'renderer', 'dist'), sub);
      }
      assert.equal(findRendererDir(), join(import.meta.dirname, '../../../renderer/dist'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
