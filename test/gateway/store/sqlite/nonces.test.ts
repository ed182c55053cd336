import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { manualClock, openTestStore, tempDir, testKeys } from '../helpers.js';

test('the first use of a nonce is accepted and a replay is refused, also after a restart', async (t) => {
  const dataDir = await tempDir(t);
  const clock = manualClock();
  const first = await openSqliteStore({ dataDir, keys: testKeys, now: clock.now });
  const exp = clock.now() + 600_000;
  assert.equal(await first.nonces.insertIfAbsent('n-1', exp), true);
  assert.equal(await first.nonces.insertIfAbsent('n-1', exp), false);
  await first.close();
  const second = await openTestStore(t, dataDir, { now: clock.now });
  assert.equal(await second.nonces.insertIfAbsent('n-1', exp), false);
  assert.equal(await second.nonces.insertIfAbsent('n-2', exp), true);
});

test('concurrent inserts of the same nonce: exactly one wins', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  const results = await Promise.all(Array.from({ length: 20 }, () => store.nonces.insertIfAbsent('same', Date.now() + 60_000)));
  assert.equal(results.filter(Boolean).length, 1);
});

test('an expired nonce counts as absent, and pruning removes expired ones', async (t) => {
  const clock = manualClock();
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  assert.equal(await store.nonces.insertIfAbsent('old', clock.now() + 1000), true);
  assert.equal(await store.nonces.insertIfAbsent('live', clock.now() + 10_000), true);
  clock.advance(1000);
  assert.equal(await store.nonces.insertIfAbsent('old', clock.now() + 1000), true, 'expired: accepted again');
  assert.equal(await store.nonces.insertIfAbsent('old', clock.now() + 1000), false);
  clock.advance(1000);
  assert.equal((await store.prune()).nonces, 1);
  assert.equal(await store.nonces.insertIfAbsent('live', clock.now() + 10_000), false);
});
