import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import { PendingRecordSchema, type PendingRecord } from '../../../../gateway/store/pending-record.js';
import { openTestStore, tempDir, testKeys } from '../helpers.js';

function record(id: string, createdAt: number, overrides: Partial<PendingRecord> = {}): PendingRecord {
  return {
    id,
    createdAt,
    expiresAt: createdAt + 60_000,
    status: 'pending',
    stage: 'request',
    trigger: { category: 'private-key', detector: 'pem-private-key', ruleId: 'preset:balanced:pem' },
    preview: '-----BEGIN RSA PRIVATE KEY----- MIIE…(1,679 chars)',
    clientApp: 'claude-code',
    clientKeyId: 'ck_1',
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    route: '/v1/messages',
    payloadHash: 'h1',
    ...overrides,
  };
}

test('the record schema accepts a full record and rejects unknown statuses and extra fields', () => {
  assert.equal(Value.Check(PendingRecordSchema, record('a', 1)), true);
  assert.equal(Value.Check(PendingRecordSchema, { ...record('a', 1), status: 'maybe' }), false);
  assert.equal(Value.Check(PendingRecordSchema, { ...record('a', 1), value: 'raw secret' }), false);
});

test('a decision applies once and leaves the list; a second decision gets undefined', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  await store.pending.create(record('a', 1000));
  const decided = await store.pending.decide('a', {
    status: 'approved_redacted', decidedBy: 'admin', decidedAt: 5000, remember: { scope: 'category', lifetime: 'always' },
  });
  assert.equal(decided?.status, 'approved_redacted');
  assert.deepEqual(decided?.remember, { scope: 'category', lifetime: 'always' });
  assert.deepEqual(await store.pending.get('a'), decided);
  assert.equal(await store.pending.decide('a', { status: 'denied', decidedBy: 'tray', decidedAt: 6000 }), undefined);
  assert.equal((await store.pending.get('a'))?.status, 'approved_redacted');
  assert.deepEqual(await store.pending.listPending(), []);
  assert.equal(await store.pending.decide('nope', { status: 'denied', decidedBy: 'x', decidedAt: 1 }), undefined);
});

test('extend moves the deadline of a pending item only', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  await store.pending.create(record('a', 1000));
  assert.equal(await store.pending.extend('a', 99_000), true);
  assert.equal((await store.pending.get('a'))?.expiresAt, 99_000);
  await store.pending.decide('a', { status: 'timed_out', decidedBy: 'timeout', decidedAt: 99_000 });
  assert.equal(await store.pending.extend('a', 200_000), false);
});

test('items a previous run left pending become abandoned at the next open', async (t) => {
  const dataDir = await tempDir(t);
  const first = await openSqliteStore({ dataDir, keys: testKeys });
  await first.pending.create(record('held', 1000));
  await first.pending.create(record('done', 1000));
  await first.pending.decide('done', { status: 'denied', decidedBy: 'admin', decidedAt: 2000 });
  await first.close();
  const second = await openTestStore(t, dataDir);
  assert.equal(second.startup.abandonedPending, 1);
  const held = await second.pending.get('held');
  assert.equal(held?.status, 'abandoned');
  assert.equal(held?.decidedBy, 'system:restart');
  assert.equal((await second.pending.get('done'))?.status, 'denied');
});
