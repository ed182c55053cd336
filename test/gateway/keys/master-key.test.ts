import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKeys, loadMasterKey, MASTER_KEY_FILE } from '../../../gateway/keys/master-key.js';
import type { KeyWrapper } from '../../../gateway/keys/wrapper.js';

async function dir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'aegis-keys-'));
  t.after(() => rm(d, { recursive: true, force: true }));
  return d;
}

/** Stands in for an OS keychain: XOR with a fixed pad, so wrapped bytes differ from the key. */
const xorWrapper: KeyWrapper = {
  id: 'test-xor',
  wrap: async (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
  unwrap: async (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
};

test('creates a 32-byte key in a 0600 file and returns the same key on the next load', async (t) => {
  const d = await dir(t);
  const first = await loadMasterKey({ dataDir: d });
  assert.equal(first.length, 32);
  const path = join(d, MASTER_KEY_FILE);
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.deepEqual(await loadMasterKey({ dataDir: d }), first);
  assert.deepEqual(await readdir(d), [MASTER_KEY_FILE], 'no temp files left behind');
});

test('concurrent first loads agree on one key', async (t) => {
  const d = await dir(t);
  const keys = await Promise.all(Array.from({ length: 8 }, () => loadMasterKey({ dataDir: d })));
  for (const k of keys) assert.deepEqual(k, keys[0]);
});

test('an identity-wrapped file is upgraded to the supplied wrapper, keeping the key', async (t) => {
  const d = await dir(t);
  const plain = await loadMasterKey({ dataDir: d });
  const upgraded = await loadMasterKey({ dataDir: d, wrapper: xorWrapper });
  assert.deepEqual(upgraded, plain);
  const doc = JSON.parse(await readFile(join(d, MASTER_KEY_FILE), 'utf8')) as { wrapper: string; key: string };
  assert.equal(doc.wrapper, 'test-xor');
  assert.notDeepEqual(Buffer.from(doc.key, 'base64'), plain, 'the file holds the wrapped form');
  assert.deepEqual(await loadMasterKey({ dataDir: d, wrapper: xorWrapper }), plain);
  await assert.rejects(loadMasterKey({ dataDir: d }), /wrapped with "test-xor"/);
});

test('a malformed key file is refused, not replaced', async (t) => {
  const d = await dir(t);
  await writeFile(join(d, MASTER_KEY_FILE), '{"version":1,"wrapper":"identity","key":"c2hvcnQ="}\n', { mode: 0o600 });
  await assert.rejects(loadMasterKey({ dataDir: d }), /32-byte/);
  await writeFile(join(d, MASTER_KEY_FILE), 'garbage');
  await assert.rejects(loadMasterKey({ dataDir: d }));
  assert.equal(await readFile(join(d, MASTER_KEY_FILE), 'utf8'), 'garbage');
});

test('a key file readable by others is tightened to 0600', async (t) => {
  const d = await dir(t);
  await loadMasterKey({ dataDir: d });
  await chmod(join(d, MASTER_KEY_FILE), 0o644);
  await loadKeys({ dataDir: d });
  assert.equal((await stat(join(d, MASTER_KEY_FILE))).mode & 0o777, 0o600);
});
