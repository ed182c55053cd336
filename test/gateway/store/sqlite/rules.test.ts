import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { manualClock, openTestStore, tempDir, testKeys } from '../helpers.js';

test('upsert, list, replace and delete rules; the rule body round-trips as JSON', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  const rule = { match: { category: 'email', app: 'cursor' }, action: 'allow', lifetime: 'always' };
  await store.rules.upsert({ id: 'r2', createdAt: 2, rule: { action: 'block' } });
  await store.rules.upsert({ id: 'r1', createdAt: 1, rule });
  assert.deepEqual(await store.rules.list(), [
    { id: 'r1', createdAt: 1, rule },
    { id: 'r2', createdAt: 2, rule: { action: 'block' } },
  ]);
  await store.rules.upsert({ id: 'r2', createdAt: 2, rule: { action: 'redact' } });
  assert.equal(await store.rules.delete('r1'), true);
  assert.equal(await store.rules.delete('r1'), false);
  await store.close();
  const again = await openTestStore(t, dataDir);
  assert.deepEqual(await again.rules.list(), [{ id: 'r2', createdAt: 2, rule: { action: 'redact' } }]);
});

test('expired rules are not listed and are pruned', async (t) => {
  const clock = manualClock();
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  await store.rules.upsert({ id: 'temp', createdAt: clock.now(), expiresAt: clock.now() + 1000, rule: {} });
  await store.rules.upsert({ id: 'keep', createdAt: clock.now(), rule: {} });
  assert.deepEqual((await store.rules.list()).map((r) => r.id), ['keep', 'temp']);
  assert.equal((await store.rules.list()).find((r) => r.id === 'temp')?.expiresAt, clock.now() + 1000);
  clock.advance(1000);
  assert.deepEqual((await store.rules.list()).map((r) => r.id), ['keep']);
  assert.equal((await store.prune()).rules, 1);
});
