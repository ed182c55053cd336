// The dashboard's CSP is declared once (gateway/ui/csp.ts): the gateway's header and the built page's
// meta tag (renderer/vite.config.ts) come from it, so they cannot drift apart.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../gateway/ui/csp.js';
import { UI_SECURITY_HEADERS } from '../../../gateway/ui/headers.js';

const ROOT = join(import.meta.dirname, '../../..');

test('the meta tag carries the header policy without frame-ancestors, which works only as a header', () => {
  assert.equal(UI_SECURITY_HEADERS['content-security-policy'], CONTENT_SECURITY_POLICY);
  const header = CONTENT_SECURITY_POLICY.split('; ');
  assert.deepEqual(META_CONTENT_SECURITY_POLICY.split('; '), header.filter((d) => d !== "frame-ancestors 'none'"));
  assert.ok(header.includes("frame-ancestors 'none'") && header.includes("script-src 'self'"));
});

test('the dashboard policy is spelled out in csp.ts only; the dev server and the build import it', () => {
  const files = ['gateway', 'renderer'].flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`));
  const copies = files.filter((f) => /\.tsx?$/.test(f) && !f.includes('/dist/') && readFileSync(join(ROOT, f), 'utf8').includes("script-src 'self'"));
  assert.deepEqual(copies, ['gateway/ui/csp.ts']);
  assert.match(readFileSync(join(ROOT, 'renderer/vite.config.ts'), 'utf8'), /from '\.\.\/gateway\/ui\/csp\.js'/);
});
