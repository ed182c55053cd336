// How a held confirmation ends without a decision: timeout (default applied once, no rule), touch
// (deadline moves), client disconnect (abandoned, durable), a full queue, shutdown; and reveal's audit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../gateway/errors.js';
import type { PendingEvent, PendingRevealedEvent, PendingSettledEvent } from '../../../gateway/confirm/types.js';
import { holdRequest, SECRET, setup, START, until } from './helpers.js';

const added = (s: Awaited<ReturnType<typeof setup>>): Promise<string> =>
  new Promise((r) => {
    const off = s.bus.on('pending.added', (e) => {
      off();
      r(e.pending.id);
    });
  });

describe('confirmations: timeout', () => {
  for (const onTimeout of ['deny', 'redact'] as const) {
    it(`applies the default (${onTimeout}) once, emits pending.expired, and never remembers`, async (t) => {
      const s = await setup(t, { timeoutMs: 60_000, onTimeout });
      const { req, calls } = holdRequest(s.store, s.timers.now);
      const held = s.confirmations.hold(req, new AbortController().signal);
      const id = await added(s);

      s.timers.advance(59_999);
      assert.equal(s.confirmations.get(id)?.remainingMs, 1);
      s.timers.advance(1);
      assert.deepEqual(await held, { kind: 'timed_out', pendingId: id, applied: onTimeout });
      const stored = await s.store.pending.get(id);
      assert.equal(stored?.status, 'timed_out');
      assert.equal(stored?.decidedBy, 'timeout');
      assert.equal(stored?.remember, undefined);
      const expired = s.rec.named('pending.expired') as PendingSettledEvent[];
      assert.equal(expired.length, 1);
      assert.deepEqual(expired[0]!.outcome, { kind: 'timed_out', pendingId: id, applied: onTimeout });

      // Once: later time, a late decision, a late disconnect change nothing.
      s.timers.advance(600_000);
      assert.equal(await s.confirmations.decide(id, 'approve_original', { remember: { scope: 'app', lifetime: { kind: 'always' } } }), undefined);
      assert.equal(s.rec.named('pending.expired').length, 1);
      assert.equal(s.rec.named('pending.decided').length, 0);
      assert.deepEqual(calls, []);
      assert.deepEqual(await s.store.rules.list(), []);
    });
  }

  it('uses the onTimeout setting in force when the deadline passes', async (t) => {
    const s = await setup(t, { onTimeout: 'deny' });
    const held = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal);
    const id = await added(s);
    s.settings.onTimeout = 'redact';
    s.timers.advance(60_000);
    assert.deepEqual(await held, { kind: 'timed_out', pendingId: id, applied: 'redact' });
  });
});

describe('confirmations: touch', () => {
  it('moves the deadline to a full timeout from the touch, in memory and in the store', async (t) => {
    const s = await setup(t, { timeoutMs: 60_000 });
    let result: unknown;
    void s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal).then((o) => (result = o));
    const id = await added(s);

    s.timers.advance(50_000);
    const view = await s.confirmations.touch(id, 'tray');
    assert.equal(view?.expiresAt, START + 110_000);
    assert.equal(view?.remainingMs, 60_000);
    assert.equal((await s.store.pending.get(id))?.expiresAt, START + 110_000);
    assert.equal((s.rec.named('pending.touched') as PendingEvent[])[0]?.pending.expiresAt, START + 110_000);

    s.timers.advance(59_000); // past the original deadline
    await until(() => true, 'a turn');
    assert.equal(result, undefined);
    assert.equal(s.confirmations.get(id)?.remainingMs, 1_000);
    s.timers.advance(1_000);
    await until(() => result !== undefined, 'the timeout');
    assert.deepEqual(result, { kind: 'timed_out', pendingId: id, applied: 'deny' });
  });

  it('never shortens a deadline (a lowered timeout does not cut a held item short)', async (t) => {
    const s = await setup(t, { timeoutMs: 60_000 });
    void s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal);
    const id = await added(s);
    s.settings.timeoutMs = 10_000;
    assert.equal((await s.confirmations.touch(id))?.expiresAt, START + 60_000);
  });
});

describe('confirmations: client disconnect', () => {
  it('an abort while held makes the item abandoned, durably, and the hold resolves abandoned', async (t) => {
    const s = await setup(t);
    const { req, calls } = holdRequest(s.store, s.timers.now);
    const client = new AbortController();
    const held = s.confirmations.hold(req, client.signal);
    const id = await added(s);

    client.abort();
    assert.deepEqual(await held, { kind: 'abandoned', pendingId: id });
    const stored = await s.store.pending.get(id);
    assert.equal(stored?.status, 'abandoned');
    assert.equal(stored?.decidedBy, 'client:disconnected');
    assert.equal((s.rec.named('pending.abandoned') as PendingSettledEvent[])[0]?.pending.id, id);
    assert.equal(s.confirmations.count, 0);
    assert.equal(s.timers.armed, 0);
    assert.equal(await s.confirmations.decide(id, 'approve_original'), undefined, 'an abandoned item can no longer be approved');
    s.timers.advance(120_000);
    assert.equal(s.rec.named('pending.expired').length, 0);
    assert.deepEqual(calls, []);
  });

  it('a client already gone when the hold starts is abandoned right after the record is written', async (t) => {
    const s = await setup(t);
    const gone = AbortSignal.abort();
    const outcome = await s.confirmations.hold(holdRequest(s.store, s.timers.now).req, gone);
    assert.equal(outcome.kind, 'abandoned');
    assert.equal((await s.store.pending.get(outcome.pendingId))?.status, 'abandoned');
  });
});

describe('confirmations: limits and failures', () => {
  it('beyond maxPending, hold is refused with 429 GW_ERR_CONFIRM_QUEUE_FULL and a Retry-After', async (t) => {
    const s = await setup(t, { maxPending: 3, timeoutMs: 60_000 });
    const holds = [0, 1, 2].map(() => s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal));
    await until(() => s.confirmations.count === 3, 'three held');
    s.timers.advance(20_500);

    const err = await s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal).then(
      () => assert.fail('a fourth hold was accepted'), (e: unknown) => e,
    );
    assert.ok(err instanceof GatewayError);
    assert.equal(err.code, 'GW_ERR_CONFIRM_QUEUE_FULL');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 40, 'seconds until the oldest item times out');
    assert.equal((await s.store.pending.listPending()).length, 3);

    // A freed slot is usable again.
    await s.confirmations.decide(s.confirmations.list()[0]!.id, 'deny');
    await holds[0];
    void s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal);
    await until(() => s.confirmations.count === 3, 'the slot reused');
  });

  it('holds started in the same tick cannot overshoot maxPending', async (t) => {
    const s = await setup(t, { maxPending: 2 });
    const results = await Promise.allSettled([0, 1, 2].map(() => s.confirmations.hold(holdRequest(s.store, s.timers.now).req, AbortSignal.abort())));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected']);
    assert.equal((results[2] as PromiseRejectedResult).reason.code, 'GW_ERR_CONFIRM_QUEUE_FULL');
  });

  it('if the record cannot be stored the hold rejects, nothing is announced and the slot is freed', async (t) => {
    const s0 = await setup(t);
    const pending = s0.store.pending;
    const broken = { pending: { ...pending, create: () => Promise.reject(new Error('database is locked')) } };
    const s = await setup(t, { maxPending: 1 }, broken);
    // 503, not the 500 of an unexpected error: the store is unavailable (disk full, locked, read-only).
    await assert.rejects(s.confirmations.hold(holdRequest(s0.store, s.timers.now).req, new AbortController().signal), { code: 'GW_ERR_STORE_UNAVAILABLE', status: 503 });
    assert.equal(s.rec.named('pending.added').length, 0);
    assert.equal(s.confirmations.count, 0);
    await assert.rejects(s.confirmations.hold(holdRequest(s0.store, s.timers.now).req, new AbortController().signal), { code: 'GW_ERR_STORE_UNAVAILABLE' }, 'not queue full');
  });
});

describe('confirmations: shutdown', () => {
  it('cancelAll settles every held item as cancelled, durably, and refuses later holds', async (t) => {
    const s = await setup(t);
    const holds = [0, 1].map(() => s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal));
    await until(() => s.confirmations.count === 2, 'two held');
    // A third is still being written when shutdown starts.
    holds.push(s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal));
    assert.equal(s.confirmations.count, 2);

    await s.confirmations.cancelAll();
    const outcomes = await Promise.all(holds);
    assert.deepEqual(outcomes.map((o) => o.kind), ['cancelled', 'cancelled', 'cancelled']);
    for (const o of outcomes) {
      const stored = await s.store.pending.get(o.pendingId);
      assert.equal(stored?.status, 'cancelled');
      assert.equal(stored?.decidedBy?.startsWith('system:'), true);
    }
    assert.equal(s.rec.named('pending.cancelled').length, 3);
    assert.equal(s.confirmations.count, 0);
    assert.equal(s.timers.armed, 0);
    await assert.rejects(s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal), { code: 'GW_ERR_SHUTTING_DOWN' });
  });
});

describe('confirmations: reveal', () => {
  it('returns the text only while pending, and audits who revealed without the text', async (t) => {
    const s = await setup(t);
    const { req } = holdRequest(s.store, s.timers.now);
    void s.confirmations.hold(req, new AbortController().signal);
    const id = await added(s);
    s.timers.advance(5_000);

    assert.equal(await s.confirmations.reveal(id, 'admin'), `deploy with ${SECRET} please`);
    const revealed = s.rec.named('pending.revealed') as PendingRevealedEvent[];
    assert.equal(revealed.length, 1);
    assert.equal(revealed[0]!.by, 'admin');
    assert.deepEqual(s.confirmations.get(id)?.reveals, [{ by: 'admin', at: START + 5_000 }]);
    assert.ok(s.rec.logLines.some((l) => l.includes('revealed') && l.includes(id)));
    // The reveal is in the durable record too (who and when), before the text was handed out.
    assert.deepEqual((await s.store.pending.get(id))?.reveals, [{ by: 'admin', at: START + 5_000 }]);

    await s.confirmations.decide(id, 'deny');
    assert.equal(await s.confirmations.reveal(id), undefined);
    const everything = JSON.stringify(s.rec.events) + s.rec.logLines.join('\n');
    assert.ok(!everything.includes(SECRET), 'no event or log line carries the value');
  });
});
