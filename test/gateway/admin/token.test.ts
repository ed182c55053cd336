// The admin token file and the credential chain the admin guard walks (bearer today, a session
// cookie later): one valid credential admits, a presented wrong one refuses.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { authenticate, bearerCredential, type AdminCredential } from '../../../gateway/auth/admin-credentials.js';
import { ADMIN_TOKEN_FILE, AdminToken, loadAdminToken } from '../../../gateway/auth/admin-token.js';
import { tempDir } from '../../helpers/gateway.js';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir('aegis-token-');
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('loadAdminToken', () => {
  it('creates a 0600 file with a 256-bit base64url token, and returns the same token after', async () => {
    const dir = fresh();
    const token = await loadAdminToken(dir);
    const path = join(dir, ADMIN_TOKEN_FILE);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const value = readFileSync(path, 'utf8').trim();
    assert.equal(Buffer.from(value, 'base64url').length, 32);
    assert.equal(token.reveal(), value);
    assert.equal((await loadAdminToken(dir)).reveal(), value);
  });

  it('lets concurrent starters agree on one token', async () => {
    const dir = fresh();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => loadAdminToken(dir)));
    assert.equal(new Set(tokens.map((t) => t.reveal())).size, 1);
  });

  it('tightens a loosened file mode and refuses a file that holds no token', async () => {
    const dir = fresh();
    const path = join(dir, ADMIN_TOKEN_FILE);
    writeFileSync(path, `${'A'.repeat(43)}\n`, { mode: 0o644 });
    await loadAdminToken(dir);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    writeFileSync(path, 'short');
    await assert.rejects(loadAdminToken(dir), /does not hold an admin token/);
  });

  it('compares in full and keeps the value out of JSON and inspect output', () => {
    const value = 'x'.repeat(43);
    const token = new AdminToken(value);
    assert.ok(token.matches(value));
    for (const wrong of ['', value.slice(1), `${value}x`, 'y'.repeat(43)]) assert.ok(!token.matches(wrong));
    assert.ok(!JSON.stringify({ token }).includes(value));
    assert.ok(!inspect({ token }).includes(value));
  });
});

describe('authenticate', () => {
  const token = new AdminToken('t'.repeat(43));
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
  const session = (verdict: 'valid' | 'invalid' | 'absent'): AdminCredential => ({ name: 'session', check: async () => verdict });

  it('admits a valid bearer token and refuses none, a wrong one, or another scheme', async () => {
    const chain = [bearerCredential(token)];
    assert.equal(await authenticate(req({ authorization: `Bearer ${'t'.repeat(43)}` }), chain), true);
    assert.equal(await authenticate(req({}), chain), false);
    assert.equal(await authenticate(req({ authorization: `Bearer ${'u'.repeat(43)}` }), chain), false);
    assert.equal(await authenticate(req({ authorization: `Token ${'t'.repeat(43)}` }), chain), false);
  });

  it('takes a second credential kind (a session cookie) without changes to the guard', async () => {
    const bearer = bearerCredential(token);
    assert.equal(await authenticate(req({}), [bearer, session('valid')]), true);
    assert.equal(await authenticate(req({}), [bearer, session('absent')]), false);
    // A wrong credential is never outvoted by a right one.
    assert.equal(await authenticate(req({ authorization: 'Bearer wrong' }), [bearer, session('valid')]), false);
    assert.equal(await authenticate(req({ authorization: `Bearer ${'t'.repeat(43)}` }), [bearer, session('invalid')]), false);
  });
});
