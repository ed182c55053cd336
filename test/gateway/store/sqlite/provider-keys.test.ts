import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { deriveKeys } from '../../../../gateway/keys/subkeys.js';
import { openTestStore, tempDir, testKeys } from '../helpers.js';

test('set, get, has and clear a managed provider key', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  assert.equal(await store.providerKeys.hasProviderKey('openai'), false);
  assert.equal(await store.providerKeys.getProviderKey('openai'), undefined);
  await store.providerKeys.setProviderKey('openai', 'sk-proj-real-1');
  await store.providerKeys.setProviderKey('openai', 'sk-proj-real-2');
  await store.providerKeys.setProviderKey('anthropic', 'sk-ant-real');
  assert.equal(await store.providerKeys.getProviderKey('openai'), 'sk-proj-real-2');
  assert.equal(await store.providerKeys.getProviderKey('anthropic'), 'sk-ant-real');
  assert.equal(await store.providerKeys.clearProviderKey('openai'), true);
  assert.equal(await store.providerKeys.clearProviderKey('openai'), false);
  assert.equal(await store.providerKeys.hasProviderKey('openai'), false);
  await assert.rejects(store.providerKeys.setProviderKey('openai', ''), /empty/);
});

test('a different master key cannot read stored provider keys', async (t) => {
  const dataDir = await tempDir(t);
  const first = await openSqliteStore({ dataDir, keys: testKeys });
  await first.providerKeys.setProviderKey('openai', 'sk-proj-real');
  await first.close();
  const wrong = await openTestStore(t, dataDir, { keys: deriveKeys(Buffer.alloc(32, 99)) });
  assert.equal(await wrong.providerKeys.hasProviderKey('openai'), true);
  await assert.rejects(wrong.providerKeys.getProviderKey('openai'));
});
