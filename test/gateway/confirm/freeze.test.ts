// Looking at a held item stops its clock where it stands (never resets it), for a lease the dashboard
// renews; looking away, or a lapsed lease (a closed tab), lets it run on from there. "+1 min" adds time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FREEZE_LEASE_MS } from '../../../gateway/confirm/confirmations.js';
import type { Outcome } from '../../../gateway/confirm/types.js';
import { holdRequest, setup, START, until } from './helpers.js';

async function held(t: Parameters<typeof setup>[0]) {
  const s = await setup(t, { timeoutMs: 60_000 });
  const box: { outcome?: Outcome; by?: string } = {};
  const { req } = holdRequest(s.store, s.timers.now, { onSettled: (by) => (box.by = by) });
  void s.confirmations.hold(req, new AbortController().signal).then((o) => (box.outcome = o));
  await until(() => s.confirmations.list().length === 1, 'the hold');
  return { s, id: s.confirmations.list()[0]!.id, box };
}

describe('confirmations: freeze', () => {
  it('stops the clock where it stands while renewed, and runs on from there when released', async (t) => {
    const { s, id, box } = await held(t);
    s.timers.advance(20_000);
    const frozen = await s.confirmations.freeze(id);
    assert.equal(frozen?.frozen, true);
    assert.equal(frozen?.remainingMs, 40_000, 'stopped where it stood, not reset to a full timeout');
    for (let i = 0; i < 10; i++) {
      s.timers.advance(FREEZE_LEASE_MS - 1000);
      await s.confirmations.freeze(id);
    }
    assert.equal(s.confirmations.get(id)?.remainingMs, 40_000);
    assert.equal(box.outcome, undefined, 'well past the first deadline, still held');
    const released = await s.confirmations.release(id);
    assert.equal(released?.frozen, undefined);
    assert.equal(released?.remainingMs, 40_000);
    s.timers.advance(39_000);
    await until(() => true, 'a turn');
    assert.equal(box.outcome, undefined);
    s.timers.advance(1_000);
    await until(() => box.outcome !== undefined, 'the timeout');
    assert.equal((box.outcome as Outcome | undefined)?.kind, 'timed_out');
    assert.equal(box.by, 'timeout', 'who settled it is told to the exchange');
  });

  it('a lease nobody renews lapses: the clock runs on (a closed tab cannot hold an item for good)', async (t) => {
    const { s, id, box } = await held(t);
    await s.confirmations.freeze(id);
    s.timers.advance(FREEZE_LEASE_MS);
    await until(() => s.confirmations.get(id)?.frozen === undefined, 'the lapse');
    assert.equal(s.confirmations.get(id)?.expiresAt, START + FREEZE_LEASE_MS + 60_000);
    s.timers.advance(60_000);
    await until(() => box.outcome !== undefined, 'the timeout');
  });

  it('+1 min adds a minute, frozen or running', async (t) => {
    const { s, id } = await held(t);
    assert.equal((await s.confirmations.extend(id, 60_000))?.remainingMs, 120_000);
    await s.confirmations.freeze(id);
    assert.equal((await s.confirmations.extend(id, 60_000))?.remainingMs, 180_000);
    assert.equal(await s.confirmations.extend('pnd_nope', 60_000), undefined);
  });
});
