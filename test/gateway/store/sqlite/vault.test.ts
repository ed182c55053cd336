import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { manualClock, openTestStore, tempDir, testKeys } from '../helpers.js';

const HOUR = 3_600_000;

test('a put of thousands spans several commits and multi-row inserts; each value keeps its own row and nonce', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openTestStore(t, dataDir);
  const n = 2345; // eleven full commits of 200, then 145: full 100-row inserts and a 45-row rest
  await store.vault.put(Array.from({ length: n }, (_, i) => ({ scope: 'big', placeholder: `p-${i}`, value: `v-${i}@example.com`, kind: 'email' })));
  for (const i of [0, 99, 100, 999, 1000, 2299, 2300, 2344]) assert.equal(await store.vault.get('big', `p-${i}`), `v-${i}@example.com`);
  // A repeated placeholder inside one statement is an upsert, not a constraint error.
  await store.vault.put([
    { scope: 'big', placeholder: 'dup', value: 'first', kind: 'k' },
    { scope: 'big', placeholder: 'dup', value: 'second', kind: 'k' },
  ]);
  assert.equal(await store.vault.get('big', 'dup'), 'second');
  const db = new Database(join(dataDir, 'aegisgate.db'), { readonly: true });
  const rows = db.prepare("SELECT value FROM vault WHERE scope = 'big'").all() as { value: Buffer }[];
  db.close();
  assert.equal(rows.length, n + 1);
  const nonces = new Set(rows.map((r) => r.value.subarray(1, 13).toString('hex')));
  assert.equal(nonces.size, rows.length, 'one batch draw still gives every value its own nonce');
});

test('a large put written in key order still lets the later of two entries for one placeholder win, across slices', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  const C = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  // Hash-like codes, as minted: the write reorders them by key, buckets kept in arrival order.
  const code = (i: number) => [...createHash('sha256').update(String(i)).digest().subarray(0, 8)].map((b) => C[b % 32]).join('');
  const entries = Array.from({ length: 3000 }, (_, i) => ({ scope: 'big', placeholder: `[[EMAIL_${code(i)}]]`, value: `v-${i}`, kind: 'email' }));
  assert.equal(new Set(entries.map((e) => e.placeholder)).size, entries.length);
  entries[2900] = { ...entries[3]!, value: 'later' };
  await store.vault.put(entries);
  assert.equal(await store.vault.get('big', entries[3]!.placeholder), 'later');
  for (const i of [0, 1, 1234, 2999]) assert.equal(await store.vault.get('big', entries[i]!.placeholder), entries[i]!.value);
});

test('mappings expire: default 24 h, or the given expiry; a later put extends but never shortens', async (t) => {
  const clock = manualClock();
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  await store.vault.put([
    { scope: 's', placeholder: 'default', value: 'a', kind: 'k' },
    { scope: 's', placeholder: 'short', value: 'b', kind: 'k', expiresAt: clock.now() + HOUR },
  ]);
  clock.advance(HOUR);
  assert.equal(await store.vault.get('s', 'short'), undefined, 'expiry is exclusive');
  assert.equal(await store.vault.get('s', 'default'), 'a');
  await store.vault.put([{ scope: 's', placeholder: 'default', value: 'a', kind: 'k', expiresAt: clock.now() + HOUR }]);
  clock.advance(22 * HOUR);
  assert.equal(await store.vault.get('s', 'default'), 'a', 'the original 24 h still holds');
  clock.advance(HOUR);
  assert.equal(await store.vault.get('s', 'default'), undefined);
});

test('pruning removes expired mappings only', async (t) => {
  const clock = manualClock();
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  await store.vault.put(
    Array.from({ length: 4500 }, (_, i) => ({ scope: 's', placeholder: `old-${i}`, value: 'x', kind: 'k', expiresAt: clock.now() + 1000 })),
  );
  await store.vault.put([{ scope: 's', placeholder: 'fresh', value: 'y', kind: 'k' }]);
  clock.advance(2000);
  const report = await store.prune();
  assert.equal(report.vault, 4500);
  assert.equal(await store.vault.get('s', 'fresh'), 'y');
  assert.equal((await store.prune()).vault, 0);
});

test('concurrent puts share commits, and every resolved put survives a reopen', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  const before = store.stats().writeTransactions;
  await Promise.all(
    Array.from({ length: 300 }, (_, i) => store.vault.put([{ scope: `conv-${i % 7}`, placeholder: `p-${i}`, value: `value-${i}`, kind: 'k' }])),
  );
  const used = store.stats().writeTransactions - before;
  assert.ok(used >= 1 && used < 10, `300 puts in ${used} transactions`);
  await store.close();
  const again = await openTestStore(t, dataDir);
  for (let i = 0; i < 300; i++) assert.equal(await again.vault.get(`conv-${i % 7}`, `p-${i}`), `value-${i}`);
});

test('a put is committed before its promise resolves (visible to a fresh connection)', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openTestStore(t, dataDir);
  await store.vault.put([{ scope: 's', placeholder: 'p', value: 'v', kind: 'k' }]);
  const reader = new Database(join(dataDir, 'aegisgate.db'), { readonly: true });
  const row = reader.prepare('SELECT count(*) AS n FROM vault').get() as { n: number };
  reader.close();
  assert.equal(row.n, 1);
});
