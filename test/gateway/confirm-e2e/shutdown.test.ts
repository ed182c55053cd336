// Shutting down with held exchanges: held items are cancelled in preClose, so close() resolves
// instead of waiting for decisions, and each held client gets 503 GW_ERR_SHUTTING_DOWN naming its
// pending id. Nothing held is forwarded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect } from './events.js';
import { failure } from './outcome.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { awsKey, pemKey } from './values.js';

async function holdThree(rig: ConfirmRig, seed: number) {
  return [
    await rig.held(() => rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: awsKey(seed) }] })),
    await rig.held(() => rig.openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: awsKey(seed + 1) }] })),
    await rig.held(() => rig.anthropic.messages.create({ model: 'claude-test', max_tokens: 8, messages: [{ role: 'user', content: pemKey(seed) }] })),
  ];
}

async function assertCancelled(rig: ConfirmRig, held: Awaited<ReturnType<typeof holdThree>>): Promise<void> {
  for (const { item, result } of held) {
    const err = failure(await result);
    assert.deepEqual([err.status, err.code], [503, 'GW_ERR_SHUTTING_DOWN']);
    assert.ok(err.message.includes(item.id), err.message);
    const record = await rig.gw.store.pending.get(item.id);
    assert.deepEqual([record?.status, record?.decidedBy], ['cancelled', 'system:shutdown']);
  }
  assert.equal(rig.fake.requests.length, 0, 'nothing held was forwarded');
}

describe('shutdown with held confirmations', { concurrency: true }, () => {
  it('app.close() resolves: held items are cancelled in preClose and their clients get 503', async () => {
    const rig = await startConfirmRig({ confirm: { timeoutSec: 60 } });
    try {
      const held = await holdThree(rig, 50);
      const cancelled = collect(rig.gw.app.bus, 'pending.cancelled');
      await rig.gw.app.close();
      cancelled.stop();
      assert.deepEqual(cancelled.items.map((e) => e.pending.id).sort(), held.map((h) => h.item.id).sort());
      await assertCancelled(rig, held);
    } finally {
      await rig.close();
    }
  });

  it('the graceful shutdown (drain, then close) resolves after its grace period, not the confirmation timeout', async () => {
    const rig = await startConfirmRig({ confirm: { timeoutSec: 60 }, server: { shutdownGraceMs: 300 } });
    const held = await holdThree(rig, 60);
    const started = performance.now();
    await rig.close();
    const tookMs = performance.now() - started;
    assert.ok(tookMs < 5000, `shutdown took ${Math.round(tookMs)} ms`);
    await assertCancelled(rig, held);
  });
});
