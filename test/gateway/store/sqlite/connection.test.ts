import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { DB_FILE, OPEN_MARKER, StoreIntegrityError } from '../../../../gateway/store/sqlite/connection.js';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { auditEvent, openTestStore, tempDir, testKeys } from '../helpers.js';

const mode = (path: string) => statSync(path).mode & 0o777;

test('the database and its WAL and shm files are owner-only, and the data dir is created 0700', async (t) => {
  const dataDir = join(await tempDir(t), 'data');
  const store = await openTestStore(t, dataDir);
  await store.vault.put([{ scope: 's', placeholder: 'p', value: 'v', kind: 'email' }]);
  const db = join(dataDir, DB_FILE);
  assert.equal(mode(dataDir), 0o700);
  assert.equal(mode(db), 0o600);
  assert.equal(mode(`${db}-wal`), 0o600);
  assert.equal(mode(`${db}-shm`), 0o600);
});

test('an open marker exists while open and is gone after a clean close', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  assert.equal(store.startup.uncleanShutdown, false);
  assert.equal(store.startup.integrity, 'skipped');
  assert.equal(existsSync(join(dataDir, OPEN_MARKER)), true);
  await store.close();
  await store.close();
  assert.equal(existsSync(join(dataDir, OPEN_MARKER)), false);
  const again = await openTestStore(t, dataDir);
  assert.equal(again.startup.uncleanShutdown, false);
});

test('a leftover marker means an unclean shutdown: integrity_check runs and reports ok', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  await store.close();
  await (await open(join(dataDir, OPEN_MARKER), 'w')).close();
  const again = await openTestStore(t, dataDir);
  assert.deepEqual(again.startup, { uncleanShutdown: true, integrity: 'ok', abandonedPending: 0 });
});

test('a corrupted database after an unclean shutdown fails to open with a clear error', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys });
  for (let i = 0; i < 3000; i++) store.audit.enqueue(auditEvent({ route: `/v1/messages/${'x'.repeat(i % 50)}` }));
  await store.close();
  // Scribble over index pages in the middle of the file (not the header), as a torn write might.
  const handle = await open(join(dataDir, DB_FILE), 'r+');
  const { size } = await handle.stat();
  const pageSize = 4096;
  for (let page = 3; page < size / pageSize - 1; page += 2) {
    await handle.write(Buffer.alloc(64, 0xee), 0, 64, page * pageSize + 200);
  }
  await handle.close();
  await (await open(join(dataDir, OPEN_MARKER), 'w')).close();
  await assert.rejects(openSqliteStore({ dataDir, keys: testKeys }), (err: unknown) => {
    assert.ok(err instanceof StoreIntegrityError, String(err));
    assert.match(err.message, /integrity_check/);
    assert.ok(err.problems.length > 0);
    return true;
  });
  assert.equal(existsSync(join(dataDir, OPEN_MARKER)), true, 'the marker stays, so the next start checks again');
});
