// 100 holds at once over the real store: every one is tracked and resolves with its own decision.
// Also measures what a held exchange costs (memory, time to hold, time to decide); reported as
// diagnostics, asserted only with generous bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import type { ConfirmDecision, Outcome } from '../../../gateway/confirm/types.js';
import { holdRequest, payloadHash, setup, until } from './helpers.js';

const DECISIONS: readonly ConfirmDecision[] = ['approve_redacted', 'approve_original', 'deny'];
const KIND: Readonly<Record<ConfirmDecision, Outcome['kind']>> = { approve_redacted: 'approved_redacted', approve_original: 'approved_original', deny: 'denied' };

/** Deterministic shuffle (LCG), so the decision order differs from the hold order. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('confirmations: concurrency', () => {
  it('100 concurrent holds are all tracked and each resolves with its own decision', async (t) => {
    const s = await setup(t, { maxPending: 100 });
    const t0 = performance.now();
    const holds = Array.from({ length: 100 }, (_, i) => {
      const { req } = holdRequest(s.store, s.timers.now, { payloadHash: payloadHash(`payload ${i}`), route: `/v1/messages#${i}` });
      return s.confirmations.hold(req, new AbortController().signal);
    });
    await until(() => s.confirmations.count === 100, '100 held');
    const heldMs = performance.now() - t0;

    const views = s.confirmations.list();
    assert.equal(views.length, 100);
    assert.equal(new Set(views.map((v) => v.id)).size, 100);
    assert.equal((await s.store.pending.listPending()).length, 100);
    await assert.rejects(s.confirmations.hold(holdRequest(s.store, s.timers.now).req, new AbortController().signal), { code: 'GW_ERR_CONFIRM_QUEUE_FULL' });

    // Decide in a shuffled order, each bound to its own payload hash; a swapped hash is refused.
    const expected = new Map<string, Outcome['kind']>();
    assert.equal(await s.confirmations.decide(views[0]!.id, 'deny', { payloadHash: views[1]!.payloadHash }), undefined);
    const t1 = performance.now();
    await Promise.all(
      shuffled(views).map((v, n) => {
        const decision = DECISIONS[n % 3]!;
        expected.set(v.id, KIND[decision]);
        return s.confirmations.decide(v.id, decision, { payloadHash: v.payloadHash });
      }),
    );
    const decideMs = performance.now() - t1;

    const outcomes = await Promise.all(holds);
    for (const [i, o] of outcomes.entries()) {
      assert.equal(o.kind, expected.get(o.pendingId), `hold ${i}`);
      assert.equal(views.find((v) => v.id === o.pendingId)?.route, `/v1/messages#${i}`, 'each hold got its own item');
      assert.equal((await s.store.pending.get(o.pendingId))?.status, o.kind);
    }
    assert.equal(s.confirmations.count, 0);
    assert.equal(s.timers.armed, 0);
    assert.equal(s.rec.named('pending.decided').length, 100);
    t.diagnostic(`100 holds durable and announced in ${heldMs.toFixed(1)} ms; 100 decisions durable in ${decideMs.toFixed(1)} ms`);
    assert.ok(heldMs < 10_000 && decideMs < 10_000, 'generous bound');
  });

  it('measure: memory and event-loop cost of held promises', async (t) => {
    const N = 2_000;
    const s = await setup(t, { maxPending: N });
    const loopLag = async (): Promise<number> => {
      const start = performance.now();
      await new Promise((r) => setImmediate(r));
      return performance.now() - start;
    };
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const holds: Promise<Outcome>[] = [];
    for (let i = 0; i < N; i++) {
      const { req } = holdRequest(s.store, s.timers.now, { payloadHash: payloadHash(`p${i}`) });
      holds.push(s.confirmations.hold(req, new AbortController().signal));
    }
    await until(() => s.confirmations.count === N, `${N} held`);
    globalThis.gc?.();
    const perHeld = (process.memoryUsage().heapUsed - before) / N;
    const lag = await loopLag();
    const t0 = performance.now();
    await s.confirmations.cancelAll();
    const cancelMs = performance.now() - t0;
    assert.equal((await Promise.all(holds)).every((o) => o.kind === 'cancelled'), true);
    t.diagnostic(
      `${N} held: ~${(perHeld / 1024).toFixed(1)} KiB heap each (request object, record, timer, listener, promise; noisy without --expose-gc), ` +
        `event-loop turn while held ${lag.toFixed(2)} ms, cancelAll ${cancelMs.toFixed(0)} ms`,
    );
    assert.ok(perHeld < 64 * 1024, 'generous bound: well under 64 KiB per held exchange');
  });
});
