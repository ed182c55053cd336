// 100 held requests at once cost promises, not threads: an unrelated request still completes with
// its usual latency meanwhile (measured in the same run, printed, and held only to a generous bound:
// timing belongs in the benchmarks). One more hold than `confirm.maxPending` is refused with 429,
// and approving all 100 through the admin API completes every one of them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson } from '../../helpers/http.js';
import { failure, ok, settle, type Settled } from './outcome.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { awsKey } from './values.js';

const HELD = 100;
const SAMPLES = 20;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe(`${HELD} held requests at once`, () => {
  let rig: ConfirmRig;
  before(async () => {
    rig = await startConfirmRig({ confirm: { timeoutSec: 60, maxPending: HELD } });
  });
  after(() => rig.close());

  /** Medians of SAMPLES sequential requests without findings, in ms. */
  async function unrelatedLatency(): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      const reply = ok(await rig.notHeld(() => rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `unrelated ${i}` }] })));
      times.push(performance.now() - t0);
      assert.equal(reply.choices[0]!.message.content, `echo: unrelated ${i}`);
    }
    return median(times);
  }

  it('leave unrelated requests their latency, refuse one more with 429, and all complete once approved', async (t) => {
    await unrelatedLatency(); // warm-up: connections, JIT
    const baseline = await unrelatedLatency();

    const heldIds: string[] = [];
    let allHeld!: () => void;
    const hundred = new Promise<void>((resolve) => (allHeld = resolve));
    const off = rig.gw.app.bus.on('pending.added', ({ pending }) => {
      if (heldIds.push(pending.id) === HELD) allHeld();
    });
    const calls: Promise<Settled<unknown>>[] = [];
    for (let i = 0; i < HELD; i++) {
      calls.push(settle(rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `deploy ${i} with ${awsKey(100 + i)}` }] })));
    }
    await hundred;
    off();
    assert.equal(heldIds.length, HELD);
    assert.equal(rig.gw.app.confirmations.count, HELD);
    assert.equal(rig.fake.requests.length, 2 * SAMPLES, 'nothing held reached the provider');

    const whileHeld = await unrelatedLatency();
    t.diagnostic(`unrelated request median latency (${SAMPLES} requests): ${baseline.toFixed(2)} ms alone, ${whileHeld.toFixed(2)} ms with ${HELD} held`);
    assert.ok(whileHeld < Math.max(10 * baseline, 1000), `${whileHeld} ms with ${HELD} held vs ${baseline} ms alone`);

    // One more than maxPending: refused at once, in the provider's shape, with a Retry-After.
    const full = failure(await rig.notHeld(() => rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: awsKey(99) }] })));
    assert.deepEqual([full.status, full.code], [429, 'GW_ERR_CONFIRM_QUEUE_FULL']);
    const raw = await postJson(rig.gw.url, '/v1/messages', { model: 'claude-test', max_tokens: 8, messages: [{ role: 'user', content: awsKey(98) }] }, { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' });
    assert.equal(raw.status, 429);
    assert.deepEqual((raw.json as { type: string; error: { code: string } }).error.code, 'GW_ERR_CONFIRM_QUEUE_FULL');
    assert.ok(Number(raw.headers['retry-after']) >= 1, 'Retry-After says when the oldest item times out');

    const listed = (await rig.admin('/admin/confirmations')).json as { items: { id: string }[] };
    assert.deepEqual(listed.items.map((i) => i.id).sort(), [...heldIds].sort());
    const decisions = await Promise.all(listed.items.map(({ id }) => rig.admin(`/admin/confirmations/${id}/decision`, { method: 'POST', body: { decision: 'approve_redacted' } })));
    assert.deepEqual(decisions.map((d) => d.status), Array<number>(HELD).fill(200));

    const results = await Promise.all(calls);
    assert.equal(results.filter((r) => r.ok).length, HELD, 'every held request completed');
    assert.equal(rig.fake.requests.length, 3 * SAMPLES + HELD);
    assert.equal(rig.gw.app.confirmations.count, 0);
  });
});
