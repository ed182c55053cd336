// Shutting down with held exchanges: held items are cancelled when draining starts (and in preClose
// for a bare close()), so shutdown resolves instead of waiting for decisions or the grace period, and each held client gets 503 GW_ERR_SHUTTING_DOWN naming its
// pending id. Nothing held is forwarded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PendingView } from '../../../gateway/confirm/types.js';
import { collect } from './events.js';
import { failure, type Settled } from './outcome.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { awsKey, pemKey } from './values.js';

interface Held {
  item: PendingView;
  result: Promise<Settled<unknown>>;
}

async function holdThree(rig: ConfirmRig, seed: number): Promise<Held[]> {
  return [
    await rig.held(() => rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: awsKey(seed) }] })),
    await rig.held(() => rig.openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: awsKey(seed + 1) }] })),
    await rig.held(() => rig.anthropic.messages.create({ model: 'claude-test', max_tokens: 8, messages: [{ role: 'user', content: pemKey(seed) }] })),
  ];
}

/** Shuts down with `close`, then checks every held client and item. */
async function shutDownWhileHeld(rig: ConfirmRig, seed: number, close: () => Promise<void>): Promise<number> {
  const held = await holdThree(rig, seed);
  const cancelled = collect(rig.gw.app.bus, 'pending.cancelled');
  const started = performance.now();
  await close();
  const tookMs = performance.now() - started;
  cancelled.stop();
  assert.deepEqual(cancelled.items.map((e) => e.pending.id).sort(), held.map((h) => h.item.id).sort(), 'every held item cancelled, once');
  for (const { pending, outcome } of cancelled.items) {
    assert.deepEqual([pending.status, pending.decidedBy, outcome.kind], ['cancelled', 'system:shutdown', 'cancelled']);
  }
  for (const { item, result } of held) {
    const err = failure(await result);
    assert.deepEqual([err.status, err.code], [503, 'GW_ERR_SHUTTING_DOWN']);
    assert.ok(err.message.includes(item.id), err.message);
  }
  assert.equal(rig.fake.requests.length, 0, 'nothing held was forwarded');
  return tookMs;
}

describe('shutdown with held confirmations', { concurrency: true }, () => {
  it('app.close() resolves: held items are cancelled in preClose and their clients get 503', async () => {
    const rig = await startConfirmRig({ confirm: { timeoutSec: 60 } });
    try {
      await shutDownWhileHeld(rig, 50, () => rig.gw.app.close());
      assert.equal((await rig.gw.store.pending.listPending()).length, 0, 'none left pending in the store');
    } finally {
      await rig.close();
    }
  });

  it('the graceful shutdown cancels held items as it starts draining: it does not sit out the grace period', async () => {
    const rig = await startConfirmRig({ confirm: { timeoutSec: 60 }, server: { shutdownGraceMs: 30_000 } });
    try {
      const tookMs = await shutDownWhileHeld(rig, 60, () => rig.gw.close());
      assert.ok(tookMs < 5000, `shutdown took ${Math.round(tookMs)} ms`);
    } finally {
      await rig.close();
    }
  });
});
