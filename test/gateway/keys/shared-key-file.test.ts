import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint } from '../../../gateway/keys/fingerprint.js';
import { loadSharedKeys } from '../../../gateway/keys/shared-key-file.js';

function keyFile(t: { after: (fn: () => void) => void }, text: string, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-shared-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'k');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

test('base64 and hex spellings of one key give the same keys, fingerprint and admin token', async (t) => {
  const raw = randomBytes(32);
  const fromB64 = await loadSharedKeys(keyFile(t, `${raw.toString('base64')}\n`));
  const fromHex = await loadSharedKeys(keyFile(t, raw.toString('hex')));
  assert.equal(keyFingerprint(fromB64.keys), keyFingerprint(fromHex.keys));
  assert.equal(fromB64.adminToken, fromHex.adminToken);
  const other = await loadSharedKeys(keyFile(t, randomBytes(32).toString('base64')));
  assert.notEqual(keyFingerprint(other.keys), keyFingerprint(fromB64.keys));
  assert.notEqual(other.adminToken, fromB64.adminToken);
});

test('a short, malformed or world-readable key file is refused', async (t) => {
  await assert.rejects(loadSharedKeys(keyFile(t, randomBytes(16).toString('base64'))), /32-byte key/);
  await assert.rejects(loadSharedKeys(keyFile(t, 'not a key at all')), /32-byte key/);
  await assert.rejects(loadSharedKeys(keyFile(t, randomBytes(32).toString('base64'), 0o644)), /chmod 600/);
});
