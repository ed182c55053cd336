// Identical retries (same client, same payload hash): while an item is held they join it, one
// question and one decision for every waiter; within the retry window after a decision they get that
// decision at once, counted on the item and announced; anything else is a question of its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome, PendingEvent } from '../../../gateway/confirm/types.js';
import { holdRequest, payloadHash, setup } from './helpers.js';

const WINDOW = 60_000;
const open = () => new AbortController().signal;

async function heldId(s: Awaited<ReturnType<typeof setup>>): Promise<string> {
  for (let i = 0; i < 100 && s.confirmations.list().length === 0; i++) await new Promise((r) => setImmediate(r));
  return s.confirmations.list().at(-1)!.id;
}

describe('confirmations: identical retries', () => {
  it('a retry while held joins the item: one question, one decision for both, counted and announced', async (t) => {
    const s = await setup(t, { retryWindowMs: WINDOW });
    const first = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    const id = await heldId(s);
    const second = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    await new Promise((r) => setImmediate(r));
    assert.equal(s.confirmations.count, 1, 'one item');
    assert.equal(s.confirmations.get(id)?.retries, 1);
    const retried = s.rec.named('pending.retried') as PendingEvent[];
    assert.deepEqual(retried.map((e) => [e.pending.id, e.pending.retries, e.pending.status]), [[id, 1, 'pending']]);

    await s.confirmations.decide(id, 'deny');
    assert.deepEqual(await first, { kind: 'denied', pendingId: id });
    assert.deepEqual(await second, { kind: 'denied', pendingId: id });
    assert.equal(s.rec.named('pending.added').length, 1, 'one record, one question');
    assert.equal((await s.store.pending.get(id))?.status, 'denied');
  });

  it('a retry within the window after a decision gets it at once, marked as a repeat; after the window it is asked again', async (t) => {
    const s = await setup(t, { retryWindowMs: WINDOW });
    const first = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    const id = await heldId(s);
    await s.confirmations.decide(id, 'deny');
    await first;

    s.timers.advance(WINDOW - 1);
    for (let n = 1; n <= 5; n++) {
      assert.deepEqual(await s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open()), { kind: 'denied', pendingId: id, repeat: true });
    }
    assert.equal(s.rec.named('pending.added').length, 1, 'no new question');
    const retried = s.rec.named('pending.retried') as PendingEvent[];
    assert.deepEqual(retried.map((e) => [e.pending.id, e.pending.status, e.pending.retries]).at(-1), [id, 'denied', 5]);

    s.timers.advance(1);
    void s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    const next = await heldId(s);
    assert.notEqual(next, id, 'past the window: a new question');
  });

  it('timeouts and approvals are reused too; a different client or payload is its own question', async (t) => {
    const s = await setup(t, { retryWindowMs: WINDOW, timeoutMs: 10_000, onTimeout: 'deny' });
    const timedOut = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    const id = await heldId(s);
    s.timers.advance(10_000);
    assert.equal((await timedOut).kind, 'timed_out');
    assert.deepEqual(await s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open()), { kind: 'timed_out', pendingId: id, applied: 'deny', repeat: true });

    const other = holdRequest(s.store, s.timers.now, { client: { app: 'codex' }, payloadHash: payloadHash('x') }).req;
    const approved = s.confirmations.hold(other, open());
    const otherId = await heldId(s);
    assert.notEqual(otherId, id);
    await s.confirmations.decide(otherId, 'approve_redacted');
    assert.equal((await approved).kind, 'approved_redacted');
    assert.deepEqual(await s.confirmations.hold(holdRequest(s.store, s.timers.now, { client: { app: 'codex' }, payloadHash: payloadHash('x') }).req, open()),
      { kind: 'approved_redacted', pendingId: otherId, repeat: true });

    for (const over of [{ client: { app: 'cursor' } }, { payloadHash: payloadHash('another payload') }]) {
      void s.confirmations.hold(holdRequest(s.store, s.timers.now, over).req, open());
      const fresh = await heldId(s);
      assert.ok(![id, otherId].includes(fresh), JSON.stringify(over));
      await s.confirmations.decide(fresh, 'deny');
    }
  });

  it('a waiter that leaves gets abandoned alone; the item stays for the others, and is abandoned with the last', async (t) => {
    const s = await setup(t, { retryWindowMs: WINDOW });
    const a = new AbortController();
    const b = new AbortController();
    const first = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, a.signal);
    const id = await heldId(s);
    const second = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, b.signal);
    await new Promise((r) => setImmediate(r));
    a.abort();
    assert.deepEqual(await first, { kind: 'abandoned', pendingId: id });
    assert.equal(s.confirmations.get(id)?.status, 'pending', 'still held for the retry');
    b.abort();
    assert.deepEqual(await second, { kind: 'abandoned', pendingId: id });
    assert.equal((await s.store.pending.get(id))?.status, 'abandoned');

    // An abandoned item is no decision: the next identical request is asked about.
    void s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    assert.notEqual(await heldId(s), id);
  });

  it('shutdown is no decision either, and a window of 0 asks every time', async (t) => {
    const s = await setup(t, { retryWindowMs: 0 });
    const one = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    await heldId(s);
    const two = s.confirmations.hold(holdRequest(s.store, s.timers.now).req, open());
    for (let i = 0; i < 100 && s.confirmations.count < 2; i++) await new Promise((r) => setImmediate(r));
    assert.equal(s.confirmations.count, 2);
    await s.confirmations.cancelAll('test');
    const outcomes: Outcome[] = [await one, await two];
    assert.deepEqual(outcomes.map((o) => o.kind), ['cancelled', 'cancelled']);
  });
});
