// The behaviour every store backend promises, run against each (sqlite.test.ts, postgres.test.ts).
// Each test opens a fresh, empty store through the backend's factory, which also closes it.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_ERROR_FILTERS, AUDIT_STATUS_CLASSES, errorKindOf } from '../../../../gateway/shared/error-kind.js';
import type { AuditEvent } from '../../../../gateway/shared/audit-event.js';
import type { AuditWriterOptions } from '../../../../gateway/store/audit-writer.js';
import type { PendingRecord } from '../../../../gateway/store/pending-record.js';
import type { Store } from '../../../../gateway/store/types.js';
import { auditEvent, manualClock } from '../helpers.js';

export interface ContractOptions {
  now?: () => number;
  retention?: { auditMs?: number; pendingMs?: number };
  audit?: AuditWriterOptions;
}

export type OpenStore = (t: TestContext, options?: ContractOptions) => Promise<Store>;

const HOUR = 3_600_000;
const T0 = 1_750_000_000_000;

function record(id: string, createdAt: number, overrides: Partial<PendingRecord> = {}): PendingRecord {
  return {
    id, createdAt, expiresAt: createdAt + 60_000, status: 'pending', stage: 'request',
    trigger: { category: 'private-key', detector: 'pem-private-key', ruleId: 'preset:balanced:pem' },
    preview: '-----BEGIN RSA PRIVATE KEY----- MIIE…(1,679 chars)', clientApp: 'claude-code', clientKeyId: 'ck_1',
    provider: 'anthropic', model: 'claude-sonnet-4', route: '/v1/messages', payloadHash: 'h1', ...overrides,
  };
}

export function storeContract(backend: string, open: OpenStore): void {
  const it = (name: string, fn: (t: TestContext) => Promise<void>) => test(`${backend}: ${name}`, fn);

  it('response chains: put replaces, get answers until expiry and per scope, prune removes expired', async (t) => {
    const clock = manualClock(T0);
    const store = await open(t, { now: clock.now });
    await store.responseChains.put({ scope: 'app-a', responseId: 'resp_1', placeholders: ['[[EMAIL_1]]'], expiresAt: T0 + HOUR });
    await store.responseChains.put({ scope: 'app-a', responseId: 'resp_1', placeholders: ['[[EMAIL_1]]', '[[PHONE_2]]'], expiresAt: T0 + HOUR });
    assert.deepEqual(await store.responseChains.get('app-a', 'resp_1'), ['[[EMAIL_1]]', '[[PHONE_2]]']);
    assert.equal(await store.responseChains.get('app-b', 'resp_1'), undefined, 'another scope never sees the chain');
    assert.equal(await store.responseChains.get('app-a', 'resp_2'), undefined);
    clock.advance(HOUR);
    assert.equal(await store.responseChains.get('app-a', 'resp_1'), undefined, 'expired');
    const report = await store.prune();
    assert.equal(report.responseChains, 1);
  });

  it('vault: put then get; unknown scope or placeholder is undefined; a repeated entry in one put is one row', async (t) => {
    const store = await open(t);
    await store.vault.put([
      { scope: 'conv-1', placeholder: '<EMAIL_1a2b>', value: 'alice@example.com', kind: 'email' },
      { scope: 'conv-1', placeholder: '<PHONE_3c4d>', value: '+1 415 555 0100', kind: 'phone' },
      { scope: 'conv-1', placeholder: '<PHONE_3c4d>', value: '+1 415 555 0100', kind: 'phone' },
    ]);
    assert.equal(await store.vault.get('conv-1', '<EMAIL_1a2b>'), 'alice@example.com');
    assert.equal(await store.vault.get('conv-1', '<PHONE_3c4d>'), '+1 415 555 0100');
    assert.equal(await store.vault.get('conv-2', '<EMAIL_1a2b>'), undefined);
    assert.equal(await store.vault.get('conv-1', '<EMAIL_ffff>'), undefined);
    await store.vault.put([]);
  });

  it('vault: expiry is the default 24 h or the given one; a later put extends but never shortens', async (t) => {
    const clock = manualClock();
    const store = await open(t, { now: clock.now });
    await store.vault.put([
      { scope: 's', placeholder: 'default', value: 'a', kind: 'k' },
      { scope: 's', placeholder: 'short', value: 'b', kind: 'k', expiresAt: clock.now() + HOUR },
    ]);
    clock.advance(HOUR);
    assert.equal(await store.vault.get('s', 'short'), undefined);
    assert.equal(await store.vault.get('s', 'default'), 'a');
    await store.vault.put([{ scope: 's', placeholder: 'default', value: 'a', kind: 'k', expiresAt: clock.now() + HOUR }]);
    clock.advance(22 * HOUR);
    assert.equal(await store.vault.get('s', 'default'), 'a');
    clock.advance(HOUR);
    assert.equal(await store.vault.get('s', 'default'), undefined);
    assert.equal((await store.prune()).vault, 2);
  });

  it('vault: 200 concurrent puts all resolve and all read back', async (t) => {
    const store = await open(t);
    await Promise.all(Array.from({ length: 200 }, (_, i) =>
      store.vault.put([{ scope: `conv-${i % 7}`, placeholder: `p-${i}`, value: `value-${i}`, kind: 'k' }])));
    for (let i = 0; i < 200; i++) assert.equal(await store.vault.get(`conv-${i % 7}`, `p-${i}`), `value-${i}`);
  });

  it('pending: create, get, list oldest first; a duplicate id or a non-pending record is refused', async (t) => {
    const store = await open(t);
    await store.pending.create(record('b', 2000));
    await store.pending.create(record('a', 1000));
    assert.deepEqual(await store.pending.get('a'), record('a', 1000));
    assert.equal(await store.pending.get('zzz'), undefined);
    assert.deepEqual((await store.pending.listPending()).map((r) => r.id), ['a', 'b']);
    await assert.rejects(store.pending.create(record('c', 1, { status: 'denied' })), /must be pending/);
    await assert.rejects(store.pending.create(record('a', 1000)));
  });

  it('pending: a decision applies once; extend and reveal work only while pending', async (t) => {
    const store = await open(t);
    await store.pending.create(record('a', 1000));
    assert.equal(await store.pending.extend('a', 99_000), true);
    assert.equal((await store.pending.get('a'))?.expiresAt, 99_000);
    assert.equal(await store.pending.recordReveal('a', { by: 'admin', at: 2000 }), true);
    const decided = await store.pending.decide('a', {
      status: 'approved_redacted', decidedBy: 'admin', decidedAt: 5000, remember: { scope: 'category', lifetime: 'always' },
    });
    assert.equal(decided?.status, 'approved_redacted');
    assert.deepEqual(decided?.reveals, [{ by: 'admin', at: 2000 }]);
    assert.deepEqual(await store.pending.get('a'), decided);
    assert.equal(await store.pending.decide('a', { status: 'denied', decidedBy: 'tray', decidedAt: 6000 }), undefined);
    assert.equal(await store.pending.extend('a', 200_000), false);
    assert.equal(await store.pending.recordReveal('a', { by: 'admin', at: 7000 }), false);
    assert.deepEqual(await store.pending.listPending(), []);
  });

  it('pending: concurrent decisions on one item: exactly one wins', async (t) => {
    const store = await open(t);
    await store.pending.create(record('a', 1000));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      store.pending.decide('a', { status: i % 2 ? 'denied' : 'approved_redacted', decidedBy: `ui-${i}`, decidedAt: 2000 })));
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('pending: decided items past retention are pruned, pending ones never', async (t) => {
    const clock = manualClock();
    const store = await open(t, { now: clock.now, retention: { pendingMs: 1000 } });
    await store.pending.create(record('old', clock.now()));
    await store.pending.create(record('waiting', clock.now()));
    await store.pending.decide('old', { status: 'denied', decidedBy: 'admin', decidedAt: clock.now() });
    clock.advance(999);
    assert.equal((await store.prune()).pending, 0);
    clock.advance(2);
    assert.equal((await store.prune()).pending, 1);
    assert.equal(await store.pending.get('old'), undefined);
    assert.equal((await store.pending.get('waiting'))?.status, 'pending');
  });

  it('nonces: first use accepted, replay refused, concurrent inserts have one winner, expired counts as absent', async (t) => {
    const clock = manualClock();
    const store = await open(t, { now: clock.now });
    assert.equal(await store.nonces.insertIfAbsent('n-1', clock.now() + 1000), true);
    assert.equal(await store.nonces.insertIfAbsent('n-1', clock.now() + 1000), false);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.nonces.insertIfAbsent('same', clock.now() + 60_000)));
    assert.equal(results.filter(Boolean).length, 1);
    clock.advance(1000);
    assert.equal(await store.nonces.insertIfAbsent('n-1', clock.now() + 1000), true);
    clock.advance(1000);
    assert.equal((await store.prune()).nonces, 1);
  });

  it('rules: upsert, list oldest first, replace, delete; expired ones are hidden and pruned', async (t) => {
    const clock = manualClock();
    const store = await open(t, { now: clock.now });
    const rule = { match: { category: 'email', app: 'cursor' }, action: 'allow', lifetime: 'always' };
    await store.rules.upsert({ id: 'r2', createdAt: 2, rule: { action: 'block' } });
    await store.rules.upsert({ id: 'r1', createdAt: 1, rule });
    await store.rules.upsert({ id: 'temp', createdAt: 3, expiresAt: clock.now() + 1000, rule: {} });
    assert.deepEqual((await store.rules.list()).slice(0, 2), [{ id: 'r1', createdAt: 1, rule }, { id: 'r2', createdAt: 2, rule: { action: 'block' } }]);
    await store.rules.upsert({ id: 'r2', createdAt: 2, rule: { action: 'redact' } });
    assert.equal(await store.rules.delete('r1'), true);
    assert.equal(await store.rules.delete('r1'), false);
    clock.advance(1000);
    assert.deepEqual(await store.rules.list(), [{ id: 'r2', createdAt: 2, rule: { action: 'redact' } }]);
    assert.equal((await store.prune()).rules, 1);
  });

  it('rule hits: batches add up per rule id, last match only moves forward, concurrent batches lose nothing', async (t) => {
    const store = await open(t);
    assert.deepEqual(await store.rules.hits(), []);
    await store.rules.addHits([]);
    await store.rules.addHits([{ ruleId: 'r1', hits: 3, lastHitAt: 1000 }, { ruleId: 'preset:balanced:pii', hits: 1, lastHitAt: 900 }]);
    await store.rules.addHits([{ ruleId: 'r1', hits: 2, lastHitAt: 500 }]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.rules.addHits([{ ruleId: 'r2', hits: 1, lastHitAt: 2000 + i }])));
    const byId = new Map((await store.rules.hits()).map((h) => [h.ruleId, h]));
    assert.deepEqual(byId.get('r1'), { ruleId: 'r1', hits: 5, lastHitAt: 1000 });
    assert.deepEqual(byId.get('preset:balanced:pii'), { ruleId: 'preset:balanced:pii', hits: 1, lastHitAt: 900 });
    assert.deepEqual(byId.get('r2'), { ruleId: 'r2', hits: 20, lastHitAt: 2019 });
  });

  it('settings: JSON round-trip with version; put replaces; bad input refused', async (t) => {
    const clock = manualClock();
    const store = await open(t, { now: clock.now });
    assert.equal(await store.settings.get('config'), undefined);
    await store.settings.put('config', { port: 18080, nested: { a: [1, 2] } }, 1);
    assert.deepEqual(await store.settings.get('config'), { version: 1, value: { port: 18080, nested: { a: [1, 2] } }, updatedAt: clock.now() });
    clock.advance(5);
    await store.settings.put('config', { port: 1 }, 2);
    assert.deepEqual(await store.settings.get('config'), { version: 2, value: { port: 1 }, updatedAt: clock.now() });
    await assert.rejects(store.settings.put('k', {}, -1), /version/);
    await assert.rejects(store.settings.put('k', undefined, 1), /JSON/);
  });

  it('client keys: create once, verify, revoke; touch is visible at once', async (t) => {
    const clock = manualClock();
    const store = await open(t, { now: clock.now });
    const { id, key, record: created } = await store.clientKeys.create({ name: 'laptop cursor', app: 'cursor' });
    assert.match(key, /^agk_[0-9A-Za-z]{43}$/);
    assert.deepEqual(await store.clientKeys.verify(key), created);
    assert.equal(await store.clientKeys.verify(key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a')), undefined);
    clock.advance(500);
    // Not awaited: the coalescing timer does not keep a process alive; close writes it.
    void store.clientKeys.touch(id);
    assert.equal((await store.clientKeys.verify(key))?.lastUsedAt, clock.now());
    clock.advance(10);
    assert.equal(await store.clientKeys.revoke(id), true);
    assert.equal(await store.clientKeys.revoke(id), false);
    assert.equal(await store.clientKeys.verify(key), undefined);
    assert.deepEqual((await store.clientKeys.list()).map((r) => [r.id, r.lastUsedAt, r.revokedAt]), [[id, clock.now() - 10, clock.now()]]);
  });

  it('client keys: a preset set at creation or later reads back through verify and list; cleared, it is gone; a revoked key cannot get one', async (t) => {
    const store = await open(t);
    const agent = await store.clientKeys.create({ name: 'agent', app: 'claude-code', preset: 'strict' });
    const batch = await store.clientKeys.create({ name: 'batch', app: 'etl' });
    assert.equal(agent.record.preset, 'strict');
    assert.equal((await store.clientKeys.verify(agent.key))?.preset, 'strict');
    assert.equal((await store.clientKeys.verify(batch.key))?.preset, undefined);
    assert.equal(await store.clientKeys.setPreset(batch.id, 'permissive'), true);
    assert.equal((await store.clientKeys.verify(batch.key))?.preset, 'permissive');
    assert.equal(await store.clientKeys.setPreset(agent.id, undefined), true);
    assert.equal('preset' in ((await store.clientKeys.verify(agent.key)) ?? {}), false);
    assert.deepEqual((await store.clientKeys.list()).map((r) => [r.name, r.preset]).sort(), [['agent', undefined], ['batch', 'permissive']]);
    assert.equal(await store.clientKeys.setPreset('ck_unknown', 'strict'), false);
    await store.clientKeys.revoke(batch.id);
    assert.equal(await store.clientKeys.setPreset(batch.id, 'strict'), false);
  });

  it('provider keys: set, get, has, clear', async (t) => {
    const store = await open(t);
    assert.equal(await store.providerKeys.hasProviderKey('openai'), false);
    await store.providerKeys.setProviderKey('openai', 'sk-live-1');
    await store.providerKeys.setProviderKey('openai', 'sk-live-2');
    assert.equal(await store.providerKeys.getProviderKey('openai'), 'sk-live-2');
    assert.equal(await store.providerKeys.hasProviderKey('openai'), true);
    assert.equal(await store.providerKeys.clearProviderKey('openai'), true);
    assert.equal(await store.providerKeys.clearProviderKey('openai'), false);
    assert.equal(await store.providerKeys.getProviderKey('openai'), undefined);
    await assert.rejects(store.providerKeys.setProviderKey('openai', ''), /empty/);
  });

  it('audit: queued events become durable on flush; get, keyset paging, filters, export and prune agree', async (t) => {
    const clock = manualClock(T0 + 100_000);
    const store = await open(t, { now: clock.now, retention: { auditMs: 100_000 - 30_000 }, audit: { capacity: 5000 } });
    const apps = ['cursor', 'claude-code', 'codex'];
    const decisions = ['forwarded', 'redacted', 'blocked'] as const;
    const events = Array.from({ length: 60 }, (_, i) => auditEvent({
      time: T0 + i * 1000,
      client: { app: apps[i % 3], ...(i % 2 ? { keyId: `ck_${i % 4}` } : {}) },
      decision: decisions[i % 3],
      provider: i % 5 === 0 ? 'openai' : 'anthropic',
      findings: i % 4 === 0 ? { 'aws-access-key': 1 } : { email: 1 + (i % 3) },
    }));
    for (const e of [...events].reverse()) assert.equal(store.audit.enqueue(e), true);
    assert.equal(store.audit.enqueue(events[0]), true, 'a repeated id is accepted and stored once');
    await store.audit.flush();
    assert.equal(store.audit.depth, 0);
    assert.deepEqual(await store.audit.get(events[7].id), events[7]);
    assert.equal(await store.audit.get('nope'), undefined);
    const listAll = async (query: Parameters<Store['audit']['list']>[0]) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.audit.list({ limit: 7, ...query, cursor });
        out.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    assert.deepEqual(await listAll({}), events.map((e) => e.id).reverse());
    const expect = async (query: Parameters<Store['audit']['list']>[0], pred: (e: (typeof events)[number]) => boolean) =>
      assert.deepEqual(await listAll(query), events.filter(pred).map((e) => e.id).reverse(), JSON.stringify(query));
    await expect({ since: T0 + 10_000, until: T0 + 20_000 }, (e) => e.time >= T0 + 10_000 && e.time < T0 + 20_000);
    await expect({ client: 'ck_1' }, (e) => e.client.keyId === 'ck_1');
    await expect({ decision: 'blocked', provider: 'anthropic' }, (e) => e.decision === 'blocked' && e.provider === 'anthropic');
    await expect({ category: 'aws-access-key' }, (e) => 'aws-access-key' in e.findings);
    const exported: string[] = [];
    for await (const e of store.audit.export({ since: T0 + 50_000 })) exported.push(e.id);
    assert.deepEqual(exported, events.slice(50).map((e) => e.id));
    assert.equal((await store.prune()).audit, 30);
    assert.equal((await listAll({})).length, 30);
  });

  it('audit: search (case-insensitive substring, wildcards literal), status class and error kinds agree with errorKindOf', async (t) => {
    const store = await open(t, { audit: { capacity: 5000 } });
    const statuses = [200, 400, 401, 403, 429, 499, 500, 502, 504];
    const codes = [undefined, 'GW_ERR_UPSTREAM_UNREACHABLE', 'GW_ERR_STREAM_TOO_LARGE', 'GW_ERR_SCAN_FAILED', 'GW_ERR_RATE_LIMITED', 'server_error'];
    const apps = ['Cursor', 'claude-code', 'my_tool 100%'];
    const events = statuses.flatMap((status, i) => codes.map((errorCode, j) => auditEvent({
      time: T0 + (i * codes.length + j) * 1000,
      status,
      client: { app: apps[(i + j) % 3], ...(j % 2 ? { keyId: `ck_${i}` } : {}) },
      ...(errorCode ? { errorCode } : {}),
      ...(j === 1 ? { pendingId: `pnd_${i}${j}x` } : {}),
      model: j % 2 ? 'claude-SONNET-4' : 'gpt-4.1',
      route: i % 2 ? '/v1/messages' : '/v1/chat/completions',
    })));
    for (const e of events) assert.equal(store.audit.enqueue(e), true);
    await store.audit.flush();
    const listAll = async (query: Parameters<Store['audit']['list']>[0]) => (await store.audit.list({ limit: 1000, ...query })).events.map((e) => e.id);
    const expect = async (query: Parameters<Store['audit']['list']>[0], pred: (e: AuditEvent) => boolean) => {
      const want = events.filter(pred).map((e) => e.id).reverse();
      assert.deepEqual(await listAll(query), want, JSON.stringify(query));
      return want.length;
    };
    const has = (text: string | undefined, q: string) => (text ?? '').toLowerCase().includes(q.toLowerCase());
    const searched = (e: AuditEvent, q: string) =>
      [e.client.app, e.client.keyId, e.route, e.model, e.id, e.pendingId, e.errorCode, e.provider].some((f) => has(f, q));
    for (const q of ['CURSOR', 'ck_', 'ck_1', '100%', '_', '%', 'pnd_31', 'upstream', 'MESSAGES', 'sonnet', 'zz%z']) {
      await expect({ q }, (e) => searched(e, q));
    }
    assert.equal(await expect({ q: '%' }, (e) => searched(e, '%')), events.filter((e) => e.client.app.includes('%')).length, '% is literal');
    for (const client of ['cursor', 'CK_2', 'Tool 1', '_']) await expect({ client }, (e) => has(e.client.app, client) || has(e.client.keyId, client));
    for (const status of AUDIT_STATUS_CLASSES) await expect({ status }, (e) => Math.floor(e.status / 100) === Number(status[0]));
    for (const kind of AUDIT_ERROR_FILTERS) {
      const n = await expect({ error: kind }, (e) => (kind === 'any' ? errorKindOf(e) !== undefined : errorKindOf(e) === kind));
      assert.ok(n > 0, `some events are ${kind}`);
    }
    await expect({ held: true }, (e) => e.pendingId !== undefined);
    await expect({ held: true, q: 'PND_3' }, (e) => has(e.pendingId, 'pnd_3'));
    await expect({ error: 'upstream_error', q: 'cursor', status: '5xx' }, (e) => errorKindOf(e) === 'upstream_error' && has(e.client.app, 'cursor') && e.status >= 500);
  });

  it('audit: a full queue refuses, and nothing accepted is dropped', async (t) => {
    const store = await open(t, { audit: { capacity: 50, flushIntervalMs: 60_000, flushEvery: 1000 } });
    const accepted = Array.from({ length: 60 }, (_, i) => auditEvent({ time: T0 + i })).filter((e) => store.audit.enqueue(e));
    assert.equal(accepted.length, 50);
    assert.equal(store.audit.hasCapacity(), false);
    const flushed: string[] = [];
    store.audit.onFlushed((ids) => flushed.push(...ids));
    await store.audit.flush();
    assert.deepEqual(flushed.sort(), accepted.map((e) => e.id).sort());
    assert.equal(store.stats().auditFlushed, 50);
  });
}
