import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chooseKeyProtection, SAFE_STORAGE_WRAPPER_ID, safeStorageWrapper } from '../../electron/key-wrapper.js';
import { loadMasterKey, MASTER_KEY_FILE } from '../../gateway/keys/master-key.js';
import { identityWrapper } from '../../gateway/keys/wrapper.js';
import { fakeSafeStorage } from './fake-safe-storage.js';

test('round trip through async safeStorage: the wrapped bytes do not contain the key', async () => {
  const { storage, calls } = fakeSafeStorage();
  const wrapper = safeStorageWrapper(storage);
  const key = randomBytes(32);
  const wrapped = await wrapper.wrap(key);
  assert.equal(wrapper.id, SAFE_STORAGE_WRAPPER_ID);
  assert.equal(wrapped.indexOf(key), -1);
  assert.ok(!wrapped.toString('latin1').includes(key.toString('base64')));
  assert.deepEqual(await wrapper.unwrap(wrapped), key);
  assert.deepEqual(calls, { encrypt: 1, decrypt: 1, backend: 0 });
});

test('macOS and Windows: the keychain wraps the key; the Linux-only backend query is not made', async () => {
  for (const platform of ['darwin', 'win32'] as const) {
    const { storage, calls } = fakeSafeStorage({ backend: 'basic_text' });
    const protection = await chooseKeyProtection(storage, platform);
    assert.equal(protection.protectedBy, 'os-keychain');
    assert.equal(protection.wrapper.id, SAFE_STORAGE_WRAPPER_ID);
    assert.equal(protection.warning, undefined);
    assert.equal(calls.backend, 0);
  }
});

test('Linux with a keyring: the keychain wraps the key', async () => {
  for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) {
    const protection = await chooseKeyProtection(fakeSafeStorage({ backend }).storage, 'linux');
    assert.equal(protection.protectedBy, 'os-keychain', backend);
    assert.equal(protection.warning, undefined);
  }
});

test('Linux on basic_text: identity wrapper and a warning that names the fallback', async () => {
  const { storage, calls } = fakeSafeStorage({ backend: 'basic_text' });
  const protection = await chooseKeyProtection(storage, 'linux');
  assert.equal(protection.wrapper, identityWrapper);
  assert.equal(protection.protectedBy, 'file-permissions');
  assert.match(protection.warning ?? '', /file permissions only.*basic_text/);
  assert.equal(calls.encrypt, 0);
});

test('safeStorage unavailable, or failing to answer: identity wrapper, and that fact reported', async () => {
  const off = await chooseKeyProtection(fakeSafeStorage({ available: false }).storage, 'darwin');
  assert.equal(off.wrapper, identityWrapper);
  assert.match(off.warning ?? '', /not available/);
  const broken = await chooseKeyProtection(fakeSafeStorage({ available: new Error('dbus timeout') }).storage, 'linux');
  assert.equal(broken.wrapper, identityWrapper);
  assert.match(broken.warning ?? '', /could not be reached \(dbus timeout\)/);
});

test("with the gateway's key file: written wrapped, read back, and an identity file upgraded in place", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-keys-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const first = await loadMasterKey({ dataDir: dir });
  const { storage } = fakeSafeStorage();
  const wrapper = safeStorageWrapper(storage);
  const upgraded = await loadMasterKey({ dataDir: dir, wrapper });
  assert.deepEqual(upgraded, first);
  const doc = JSON.parse(await readFile(join(dir, MASTER_KEY_FILE), 'utf8')) as { wrapper: string; key: string };
  assert.equal(doc.wrapper, SAFE_STORAGE_WRAPPER_ID);
  assert.notEqual(doc.key, first.toString('base64'));
  assert.deepEqual(await loadMasterKey({ dataDir: dir, wrapper }), first);
  // Without the keychain the file is refused, never guessed at.
  await assert.rejects(loadMasterKey({ dataDir: dir }), /wrapped with "electron-safestorage"/);
});
