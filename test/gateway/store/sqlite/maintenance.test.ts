import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { auditEvent, openTestStore, tempDir, testKeys } from '../helpers.js';

const walSize = (dataDir: string) => statSync(join(dataDir, 'aegisgate.db-wal')).size;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await sleep(10);
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('the WAL is truncated once writes go quiet', async (t) => {
  const dataDir = await tempDir(t);
  await openTestStore(t, dataDir, { idleCheckpointMs: 100 }).then(async (store) => {
    for (let i = 0; i < 200; i++) store.audit.enqueue(auditEvent());
    await store.audit.flush();
    assert.ok(walSize(dataDir) > 0);
    await until(() => walSize(dataDir) === 0, 'the idle checkpoint');
    assert.equal(statSync(join(dataDir, 'aegisgate.db-wal')).mode & 0o777, 0o600);
  });
});

test('close checkpoints: the WAL is empty after a clean close', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  await store.vault.put([{ scope: 's', placeholder: 'p', value: 'v', kind: 'k' }]);
  store.audit.enqueue(auditEvent());
  await store.close();
  let size = 0;
  try {
    size = walSize(dataDir);
  } catch {
    // SQLite removes the WAL when the last connection closes cleanly; also fine.
  }
  assert.equal(size, 0);
});

test('retention runs by itself on its timer', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openTestStore(t, dataDir, { pruneIntervalMs: 50 });
  await store.nonces.insertIfAbsent('gone-soon', Date.now() + 20);
  await store.nonces.insertIfAbsent('stays', Date.now() + 600_000);
  const reader = new Database(join(dataDir, 'aegisgate.db'), { readonly: true });
  t.after(() => reader.close());
  const count = () => (reader.prepare('SELECT count(*) AS n FROM nonces').get() as { n: number }).n;
  assert.equal(count(), 2);
  await until(() => count() === 1, 'the prune timer');
});
