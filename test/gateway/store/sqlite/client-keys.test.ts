import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { manualClock, openTestStore, tempDir, testKeys } from '../helpers.js';

test('create returns an agk_ key once; verify finds its record; a wrong key finds nothing', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  const { id, key, record } = await store.clientKeys.create({ name: 'laptop cursor', app: 'cursor' });
  assert.match(key, /^agk_[0-9A-Za-z]{43}$/);
  assert.match(id, /^ck_/);
  assert.deepEqual(await store.clientKeys.verify(key), record);
  const other = await store.clientKeys.create({ name: 'ci', app: 'codex' });
  assert.notEqual(other.key, key);
  const flipped = key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a');
  assert.equal(await store.clientKeys.verify(flipped), undefined);
  assert.equal(await store.clientKeys.verify('sk-proj-notours'), undefined);
  assert.equal(await store.clientKeys.verify(''), undefined);
});

test('only a hash is stored: the key text is not in the database', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  const { key } = await store.clientKeys.create({ name: 'n', app: 'a' });
  await store.close();
  const db = new Database(join(dataDir, 'aegisgate.db'), { readonly: true });
  const rows = db.prepare('SELECT * FROM client_keys').all();
  db.close();
  assert.equal(JSON.stringify(rows).includes(key.slice(4)), false);
});

test('a revoked key no longer verifies but stays listed with its revocation time', async (t) => {
  const clock = manualClock();
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  const { id, key } = await store.clientKeys.create({ name: 'n', app: 'a' });
  clock.advance(10);
  assert.equal(await store.clientKeys.revoke(id), true);
  assert.equal(await store.clientKeys.revoke(id), false);
  assert.equal(await store.clientKeys.verify(key), undefined);
  assert.deepEqual((await store.clientKeys.list()).map((r) => [r.id, r.revokedAt]), [[id, clock.now()]]);
});

test('touch records last use: visible at once, written within about a second, kept over restart', async (t) => {
  const dataDir = await tempDir(t);
  const clock = manualClock();
  const store = await openSqliteStore({ dataDir, keys: testKeys, now: clock.now });
  const { id, key } = await store.clientKeys.create({ name: 'n', app: 'a' });
  clock.advance(500);
  const written = store.clientKeys.touch(id);
  assert.equal((await store.clientKeys.verify(key))?.lastUsedAt, clock.now());
  const before = store.stats().writeTransactions;
  await Promise.race([written, sleep(5000).then(() => assert.fail('touch not written within 5 s'))]);
  assert.equal(store.stats().writeTransactions, before + 1);
  clock.advance(500);
  void store.clientKeys.touch(id);
  await store.close(); // close writes pending touches
  const again = await openTestStore(t, dataDir, { now: clock.now });
  assert.equal((await again.clientKeys.list())[0].lastUsedAt, clock.now());
});

test('a touch left unawaited when the store closes does not surface as an unhandled rejection', async (t) => {
  const store = await openSqliteStore({ dataDir: await tempDir(t), keys: testKeys });
  const { id } = await store.clientKeys.create({ name: 'n', app: 'a' });
  await store.close();
  let unhandled = false;
  const onUnhandled = () => (unhandled = true);
  process.on('unhandledRejection', onUnhandled);
  t.after(() => process.off('unhandledRejection', onUnhandled));
  void store.clientKeys.touch(id);
  await sleep(1300); // past the coalescing window, when the write is attempted and fails
  assert.equal(unhandled, false);
});
