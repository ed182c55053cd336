import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_WINDOW_SEC, SecondRing, type ExchangeSample } from '../../../gateway/metrics/second-ring.js';
import { SECOND_FIELDS } from '../../../gateway/metrics/series-schema.js';

/** A hand-driven clock in epoch ms. */
function clock(startSec: number) {
  let ms = startSec * 1000;
  return {
    now: () => ms,
    at: (sec: number) => void (ms = sec * 1000),
    add: (deltaMs: number) => void (ms += deltaMs),
  };
}

const sample = (over: Partial<ExchangeSample> = {}): ExchangeSample => ({
  totalMs: 10,
  overheadMs: 1,
  bytesIn: 100,
  bytesOut: 200,
  error: false,
  findings: 0,
  blocked: false,
  ...over,
});

const T0 = 1_750_000_000;

describe('SecondRing', () => {
  it('counts an exchange in the second it finishes and reports it once that second is complete', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    c.add(200);
    ring.record(sample({ bytesIn: 10, bytesOut: 20, findings: 2 }));
    c.add(700);
    ring.record(sample({ bytesIn: 1, bytesOut: 2, error: true, blocked: true, findings: 1 }));
    assert.equal(ring.last().t, T0 - 1, 'the current second is not complete yet');
    assert.equal(ring.last().rps, 0);
    c.add(100); // T0 + 1.000
    assert.deepEqual(ring.last(), {
      t: T0, rps: 2, errors: 1, p50Ms: 10, p99Ms: 10, overheadP50Ms: 1, bytesIn: 11, bytesOut: 22, findings: 3, blocks: 1, pending: 0,
    });
    ring.record(sample());
    c.add(1000);
    assert.equal(ring.last().t, T0 + 1);
    assert.equal(ring.last().rps, 1);
  });

  it('series is oldest first, continuous, with seconds without traffic as zeros', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    ring.record(sample());
    c.at(T0 + 3);
    ring.record(sample());
    ring.record(sample());
    c.at(T0 + 6);
    const s = ring.series(8);
    assert.deepEqual(s.t, [T0 - 2, T0 - 1, T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4, T0 + 5]);
    assert.deepEqual(s.rps, [0, 0, 1, 0, 0, 2, 0, 0]);
    assert.deepEqual(s.p50Ms, [0, 0, 10, 0, 0, 10, 0, 0]);
    for (const f of SECOND_FIELDS) assert.equal(s[f].length, 8, f);
  });

  it('windows: 60, 900, anything up to 900, at least 1', () => {
    const ring = new SecondRing(clock(T0).now);
    assert.equal(ring.series(60).t.length, 60);
    assert.equal(ring.series(900).t.length, 900);
    assert.equal(ring.series(5000).t.length, MAX_WINDOW_SEC);
    assert.equal(ring.series(0).t.length, 1);
    assert.equal(ring.series(Number.NaN).t.length, 1);
    assert.equal(ring.series(900).t.at(-1), T0 - 1);
  });

  it('keeps exactly the last 15 minutes as it wraps around', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    // k exchanges in second T0 + k (mod 7, so neighbours differ), for 2,000 seconds: over two laps.
    const perSecond = (sec: number) => (sec - T0) % 7;
    for (let sec = T0; sec < T0 + 2000; sec++) {
      c.at(sec);
      for (let k = 0; k < perSecond(sec); k++) ring.record(sample());
    }
    c.at(T0 + 2000);
    const s = ring.series(900);
    assert.equal(s.t[0], T0 + 1100);
    assert.equal(s.t.at(-1), T0 + 1999);
    s.t.forEach((t, k) => assert.equal(s.rps[k], perSecond(t), `second ${t}`));
  });

  it('a clock jump past the whole window leaves only zeros; a jump back counts in the current second', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    for (let i = 0; i < 10; i++) {
      c.at(T0 + i);
      ring.record(sample());
    }
    c.at(T0 + 10 + 5000);
    assert.ok(ring.series(900).rps.every((v) => v === 0));
    c.at(T0 + 10 + 5000 + 0.5);
    ring.record(sample());
    c.at(T0); // wall clock set back: the exchange still counts, in the second the ring is in
    ring.record(sample());
    c.at(T0 + 10 + 5001);
    assert.equal(ring.last().rps, 2);
  });

  it('pending is a gauge: the highest sample in the second, 0 when not sampled', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    ring.samplePending(2);
    ring.samplePending(5);
    ring.samplePending(1);
    c.at(T0 + 2);
    assert.deepEqual(ring.series(2).pending, [5, 0]);
  });

  it('per-second percentiles match a sorted reference within the histogram error', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 300_000, noNaN: true }), { minLength: 1, maxLength: 300 }), (totals) => {
        const c = clock(T0);
        const ring = new SecondRing(c.now);
        for (const ms of totals) ring.record(sample({ totalMs: ms, overheadMs: ms / 100 }));
        c.at(T0 + 1);
        const sorted = [...totals].sort((a, b) => a - b);
        const rank = (q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;
        const close = (got: number, want: number) => Math.abs(got - want) <= want * 0.0221 + 1e-9;
        const p = ring.last();
        assert.ok(close(p.p50Ms, rank(0.5)), `p50 ${p.p50Ms} vs ${rank(0.5)}`);
        assert.ok(close(p.p99Ms, rank(0.99)), `p99 ${p.p99Ms} vs ${rank(0.99)}`);
        assert.ok(close(p.overheadP50Ms, rank(0.5) / 100) || rank(0.5) / 100 < 0.011, `overhead p50 ${p.overheadP50Ms}`);
      }),
      { numRuns: 200 },
    );
  });

  it('5,000 exchanges in one second, then a quiet one: percentiles do not leak across seconds', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    const totals = Array.from({ length: 5000 }, (_, i) => 1 + ((i * 7919) % 2000));
    for (const ms of totals) ring.record(sample({ totalMs: ms }));
    c.at(T0 + 1);
    ring.record(sample({ totalMs: 3 }));
    c.at(T0 + 2);
    const want = [...totals].sort((a, b) => a - b)[Math.ceil(0.99 * 5000) - 1]!;
    const s = ring.series(2);
    assert.deepEqual(s.rps, [5000, 1]);
    assert.ok(Math.abs(s.p99Ms[0]! - want) <= want * 0.0221, `p99 ${s.p99Ms[0]} vs ${want}`);
    assert.deepEqual([s.p50Ms[1], s.p99Ms[1]], [3, 3]);
  });

  it('counts exchanges per provider name, in the series and the last second, aligned with t', () => {
    const c = clock(T0);
    const ring = new SecondRing(c.now);
    ring.record(sample({ provider: 'openai' }));
    ring.record(sample({ provider: 'ollama' }));
    ring.record(sample({ provider: 'ollama' }));
    c.at(T0 + 2);
    ring.record(sample({ provider: 'openai' }));
    c.at(T0 + 3);
    assert.deepEqual(ring.last().providers, { openai: 1 });
    const s = ring.series(3);
    assert.deepEqual(s.t, [T0, T0 + 1, T0 + 2]);
    assert.deepEqual(s.providers, { openai: [1, 0, 1], ollama: [2, 0, 0] });
    // A lap later the slots are reused: old counts are gone.
    c.at(T0 + MAX_WINDOW_SEC + 10);
    assert.deepEqual(ring.series(5).providers, { openai: [0, 0, 0, 0, 0], ollama: [0, 0, 0, 0, 0] });
  });
});
