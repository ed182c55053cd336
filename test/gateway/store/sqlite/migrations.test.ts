import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../../../gateway/store/sqlite/migrations.js';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

test('migrates an empty database to the latest version, and a second run does nothing', () => {
  const db = new Database(':memory:');
  assert.deepEqual(migrate(db), { from: 0, to: MIGRATIONS.length });
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  assert.deepEqual(tables(db), ['audit', 'client_keys', 'nonces', 'pending', 'provider_keys', 'response_chains', 'rule_hits', 'rules', 'settings', 'vault']);
  assert.deepEqual(migrate(db), { from: MIGRATIONS.length, to: MIGRATIONS.length });
  db.close();
});

test('applies only the migrations not yet run, each in order', () => {
  const db = new Database(':memory:');
  migrate(db, ['CREATE TABLE a (x INTEGER) STRICT']);
  assert.deepEqual(migrate(db, ['CREATE TABLE a (x INTEGER) STRICT', 'ALTER TABLE a ADD COLUMN y TEXT']), { from: 1, to: 2 });
  db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('ok');
  db.close();
});

test('a failing migration rolls back entirely and leaves the version unchanged', () => {
  const db = new Database(':memory:');
  assert.throws(() => migrate(db, ['CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);']));
  assert.equal(db.pragma('user_version', { simple: true }), 0);
  assert.deepEqual(tables(db), []);
  db.close();
});

test('a database from a newer build is refused', () => {
  const db = new Database(':memory:');
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  assert.throws(() => migrate(db), /newer than this build/);
  db.close();
});
