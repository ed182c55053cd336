import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { loadSigningKey, signingKeyPath } from '../../../gateway/keys/signing-key.js';
import { tempDir } from '../store/helpers.js';

describe('signing key file', () => {
  it('is created once as 64 hex characters with mode 0600, and the same key comes back after', async (t) => {
    const dir = await tempDir(t);
    const first = await loadSigningKey(dir);
    const text = await readFile(signingKeyPath(dir), 'utf8');
    assert.match(text, /^[0-9a-f]{64}\n$/);
    assert.equal((await stat(signingKeyPath(dir))).mode & 0o777, 0o600);
    assert.deepEqual(first.export(), Buffer.from(text.trim(), 'hex'), 'the HMAC key is the bytes the hex decodes to');
    const again = await loadSigningKey(dir);
    assert.ok(again.equals(first));
    assert.deepEqual(await readdir(dir), ['signing-key'], 'no temp files are left behind');
  });

  it('concurrent first starts agree on one key', async (t) => {
    const dir = await tempDir(t);
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSigningKey(dir)));
    for (const k of keys) assert.ok(k.equals(keys[0]!));
    assert.deepEqual(await readdir(dir), ['signing-key']);
  });

  it('tightens a loosened mode and refuses a file that is not a key', async (t) => {
    const dir = await tempDir(t);
    await loadSigningKey(dir);
    await chmod(signingKeyPath(dir), 0o644);
    await loadSigningKey(dir);
    assert.equal((await stat(signingKeyPath(dir))).mode & 0o777, 0o600);
    await writeFile(signingKeyPath(dir), 'not a key\n');
    await assert.rejects(loadSigningKey(dir), /does not hold 64 lowercase hex characters/);
  });
});
