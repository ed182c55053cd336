import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../../../../gateway/shared/audit-event.js';
import { AuditEventRejectedError } from '../../../../gateway/store/sqlite/audit.js';
import { openSqliteStore } from '../../../../gateway/store/sqlite/open.js';
import type { Store } from '../../../../gateway/store/types.js';
import { auditEvent, manualClock, openTestStore, tempDir, testKeys } from '../helpers.js';

const T0 = 1_750_000_000_000;

/** 60 events a second apart, cycling through apps, decisions, providers and categories. */
function corpus(): AuditEvent[] {
  const apps = ['cursor', 'claude-code', 'codex'];
  const decisions = ['forwarded', 'redacted', 'blocked'] as const;
  return Array.from({ length: 60 }, (_, i) =>
    auditEvent({
      time: T0 + i * 1000,
      client: { app: apps[i % 3], ...(i % 2 ? { keyId: `ck_${i % 4}` } : {}) },
      decision: decisions[i % 3],
      provider: i % 5 === 0 ? 'openai' : 'anthropic',
      findings: i % 4 === 0 ? { 'aws-access-key': 1 } : { email: 1 + (i % 3) },
    }),
  );
}

async function filled(t: Parameters<typeof openTestStore>[0]): Promise<{ store: Store; events: AuditEvent[] }> {
  const store = await openTestStore(t, await tempDir(t));
  const events = corpus();
  // Enqueue out of time order: listing must still be by time.
  for (const e of [...events].reverse()) assert.equal(store.audit.enqueue(e), true);
  await store.audit.flush();
  return { store, events };
}

async function listAll(store: Store, query: Parameters<Store['audit']['list']>[0]): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.audit.list({ ...query, cursor });
    assert.ok(page.events.length <= (query.limit ?? 100));
    out.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

test('get returns the stored event exactly', async (t) => {
  const { store, events } = await filled(t);
  assert.deepEqual(await store.audit.get(events[7].id), events[7]);
  assert.equal(await store.audit.get('nope'), undefined);
});

test('list pages newest first with a keyset cursor: every event once, none skipped', async (t) => {
  const { store, events } = await filled(t);
  const first = await store.audit.list({ limit: 25 });
  assert.equal(first.events.length, 25);
  assert.ok(first.nextCursor);
  const all = await listAll(store, { limit: 7 });
  assert.deepEqual(all.map((e) => e.id), events.map((e) => e.id).reverse());
  const last = await store.audit.list({ limit: 60 });
  assert.equal(last.nextCursor, undefined, 'an exact final page has no cursor');
});

test('filters: time range, client (app or key id), decision, provider, category', async (t) => {
  const { store, events } = await filled(t);
  const expect = async (query: Parameters<Store['audit']['list']>[0], pred: (e: AuditEvent) => boolean) => {
    const got = await listAll(store, { limit: 9, ...query });
    assert.deepEqual(got.map((e) => e.id), events.filter(pred).map((e) => e.id).reverse(), JSON.stringify(query));
    assert.ok(got.length > 0, `query ${JSON.stringify(query)} should match something`);
  };
  await expect({ since: T0 + 10_000, until: T0 + 20_000 }, (e) => e.time >= T0 + 10_000 && e.time < T0 + 20_000);
  await expect({ client: 'cursor' }, (e) => e.client.app === 'cursor');
  await expect({ client: 'ck_1' }, (e) => e.client.keyId === 'ck_1');
  await expect({ decision: 'blocked' }, (e) => e.decision === 'blocked');
  await expect({ provider: 'openai' }, (e) => e.provider === 'openai');
  await expect({ category: 'aws-access-key' }, (e) => 'aws-access-key' in e.findings);
  await expect(
    { category: 'email', decision: 'redacted', client: 'claude-code', since: T0 + 5000 },
    (e) => 'email' in e.findings && e.decision === 'redacted' && e.client.app === 'claude-code' && e.time >= T0 + 5000,
  );
  assert.deepEqual((await store.audit.list({ category: 'nothing' })).events, []);
});

test('a malformed cursor is refused', async (t) => {
  const { store } = await filled(t);
  await assert.rejects(store.audit.list({ cursor: 'bm9wZQ' }));
});

test('export yields every event oldest first, across pages, honouring since', async (t) => {
  const store = await openTestStore(t, await tempDir(t), { audit: { capacity: 5000 } });
  const events = Array.from({ length: 2500 }, (_, i) => auditEvent({ time: T0 + i }));
  for (const e of events) store.audit.enqueue(e);
  await store.audit.flush();
  const out: string[] = [];
  for await (const e of store.audit.export({ since: T0 + 100 })) out.push(e.id);
  assert.deepEqual(out, events.slice(100).map((e) => e.id));
});

test('the store writer refuses beyond capacity and drains on close', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys, audit: { capacity: 100, flushIntervalMs: 60_000, flushEvery: 1000 } });
  const accepted: string[] = [];
  for (let i = 0; i < 150; i++) {
    const e = auditEvent();
    if (store.audit.enqueue(e)) accepted.push(e.id);
  }
  assert.equal(accepted.length, 100);
  assert.equal(store.audit.depth, 100);
  assert.equal(store.audit.hasCapacity(), false);
  assert.equal(store.stats().auditQueueDepth, 100);
  await store.close();
  const again = await openTestStore(t, dataDir);
  const stored = await listAll(again, { limit: 1000 });
  assert.deepEqual(stored.map((e) => e.id).sort(), accepted.sort());
});

test('onFlushed fires after the batch is queryable', async (t) => {
  const store = await openTestStore(t, await tempDir(t), { audit: { flushIntervalMs: 5 } });
  const e = auditEvent();
  const flushed = new Promise<readonly string[]>((resolve) => store.audit.onFlushed(resolve));
  store.audit.enqueue(e);
  assert.deepEqual(await flushed, [e.id]);
  assert.deepEqual(await store.audit.get(e.id), e);
});

test('audit older than the retention window is pruned', async (t) => {
  const clock = manualClock(T0 + 40 * 86_400_000);
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  const old = auditEvent({ time: clock.now() - 31 * 86_400_000 });
  const recent = auditEvent({ time: clock.now() - 29 * 86_400_000 });
  store.audit.enqueue(old);
  store.audit.enqueue(recent);
  await store.audit.flush();
  assert.equal((await store.prune()).audit, 1);
  assert.equal(await store.audit.get(old.id), undefined);
  assert.deepEqual(await store.audit.get(recent.id), recent);
});

test('a malformed event is reported and skipped; a repeated id is stored once; the rest of the batch lands', async (t) => {
  const errors: unknown[] = [];
  const store = await openTestStore(t, await tempDir(t), { onError: (e) => errors.push(e), audit: { flushIntervalMs: 60_000 } });
  const good = [auditEvent(), auditEvent(), auditEvent()];
  const malformed = { ...auditEvent(), status: 'two hundred' } as unknown as AuditEvent; // STRICT column refuses text
  store.audit.enqueue(good[0]);
  store.audit.enqueue(malformed);
  store.audit.enqueue(good[1]);
  store.audit.enqueue({ ...good[1], status: 500 });
  store.audit.enqueue(good[2]);
  await store.audit.flush();
  assert.equal(store.audit.depth, 0, 'the queue is not wedged behind the bad event');
  for (const e of good) assert.deepEqual(await store.audit.get(e.id), e);
  assert.equal(await store.audit.get(malformed.id), undefined);
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof AuditEventRejectedError);
  assert.equal(errors[0].eventId, malformed.id);
});

test('when the database cannot be written, close rejects, keeps the unclean marker and still releases the file', async (t) => {
  const dataDir = await tempDir(t);
  const store = await openSqliteStore({ dataDir, keys: testKeys, busyTimeoutMs: 50, audit: { flushIntervalMs: 60_000 } });
  store.audit.enqueue(auditEvent());
  // Another connection holds the write lock, as a user's sqlite3 shell might.
  const other = new Database(join(dataDir, 'aegisgate.db'));
  other.exec('BEGIN IMMEDIATE');
  await assert.rejects(store.close(), /locked|busy/i);
  other.exec('ROLLBACK');
  other.close();
  assert.equal(existsSync(join(dataDir, 'aegisgate.db.open')), true);
  const again = await openTestStore(t, dataDir);
  assert.equal(again.startup.uncleanShutdown, true);
  assert.equal(again.startup.integrity, 'ok');
});
