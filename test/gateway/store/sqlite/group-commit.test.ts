import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { GroupCommitter } from '../../../../gateway/store/sqlite/group-commit.js';

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER) STRICT');
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  return { db, insert, count };
}

test('ops queued in one turn share one transaction and resolve with their results', async () => {
  const { db, insert, count } = setup();
  let commits = 0;
  const committer = new GroupCommitter(db, () => commits++);
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => committer.run(() => insert.run(`k${i}`, i).changes)));
  assert.deepEqual(results, Array(100).fill(1));
  assert.equal(committer.transactions, 1);
  assert.equal(committer.ops, 100);
  assert.equal(commits, 1);
  assert.equal(count(), 100);
  db.close();
});

test('nothing runs until the queued turn ends, so run() never writes on the caller stack', async () => {
  const { db, insert, count } = setup();
  const committer = new GroupCommitter(db);
  const done = committer.run(() => insert.run('a', 1));
  assert.equal(count(), 0);
  await done;
  assert.equal(count(), 1);
  db.close();
});

test('a failing op rejects only its caller; the others in the batch commit', async () => {
  const { db, insert, count } = setup();
  const committer = new GroupCommitter(db);
  const ok1 = committer.run(() => insert.run('a', 1));
  const bad = committer.run(() => {
    insert.run('b', 2);
    insert.run('a', 3); // duplicate key: this op's savepoint rolls back, 'b' included
  });
  const ok2 = committer.run(() => insert.run('c', 4));
  await assert.rejects(bad, /UNIQUE/);
  await ok1;
  await ok2;
  assert.equal(committer.transactions, 1);
  assert.deepEqual(db.prepare('SELECT k FROM t ORDER BY k').pluck().all(), ['a', 'c']);
  assert.equal(count(), 2);
  db.close();
});

test('after close, run rejects and drain has committed what was queued', async () => {
  const { db, insert, count } = setup();
  const committer = new GroupCommitter(db);
  const queued = committer.run(() => insert.run('a', 1));
  committer.close();
  await queued;
  assert.equal(count(), 1);
  await assert.rejects(committer.run(() => 1), /closed/);
  db.close();
});

test('a batch of only lazy ops commits without fsync (synchronous=NORMAL); one durable op makes it FULL', async () => {
  const { db, insert } = setup();
  db.pragma('synchronous = FULL');
  const committer = new GroupCommitter(db);
  const level = () => db.pragma('synchronous', { simple: true }) as number;
  const lazyOnly = await Promise.all([committer.run(level, { lazy: true }), committer.run(() => (insert.run('a', 1), level()), { lazy: true })]);
  assert.deepEqual(lazyOnly, [1, 1], 'NORMAL inside an all-lazy batch');
  assert.equal(level(), 2, 'FULL again afterwards');
  const mixed = await Promise.all([committer.run(level, { lazy: true }), committer.run(level)]);
  assert.deepEqual(mixed, [2, 2], 'a durable op keeps the whole batch FULL');
  db.close();
});
