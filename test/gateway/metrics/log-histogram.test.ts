import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LogHistogram } from '../../../gateway/metrics/log-histogram.js';

const OPTS = { lowest: 0.01, highest: 3_600_000, perOctave: 16 };

/** The nearest-rank quantile of a sorted list: the value at rank ⌈q·n⌉. */
const nearestRank = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

describe('LogHistogram', () => {
  it('is 0 when empty and exact for a single value', () => {
    const h = new LogHistogram(OPTS);
    assert.equal(h.quantile(0.5), 0);
    h.record(123.456);
    assert.equal(h.quantile(0.5), 123.456);
    assert.equal(h.quantile(0.99), 123.456);
  });

  it('quantiles stay within half a bucket of the sorted reference', () => {
    const h = new LogHistogram(OPTS);
    const err = h.relativeError;
    assert.ok(err > 0.02 && err < 0.025, `relative error ${err}`);
    const latency = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1, max: 600_000, noNaN: true }),
      fc.constantFrom(0, 0.01, 1, 1000, 3_600_000, 10_000_000),
    );
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 400 }), fc.constantFrom(0.5, 0.9, 0.99, 1), (values, q) => {
        h.reset();
        for (const v of values) h.record(v);
        const sorted = [...values].sort((a, b) => a - b);
        const want = nearestRank(sorted, q);
        const got = h.quantile(q);
        // Below `lowest` everything shares one bucket; above it the error is relative. Float rounding
        // at bucket edges can add a hair, hence the 1e-9. Beyond `highest` the answer may be the max.
        const bound = Math.max(want * (err + 1e-9), OPTS.lowest * 2 ** (1 / 16));
        const overflow = want > OPTS.highest && got === sorted.at(-1);
        assert.ok(Math.abs(got - want) <= bound || overflow, `q=${q} want ${want} got ${got}`);
        assert.ok(got >= sorted[0]! && got <= sorted.at(-1)!, 'within the observed range');
      }),
      { numRuns: 300 },
    );
  });

  it('reset forgets everything', () => {
    const h = new LogHistogram(OPTS);
    for (let i = 1; i <= 100; i++) h.record(i * 1000);
    h.reset();
    assert.equal(h.count, 0);
    assert.equal(h.quantile(0.99), 0);
    h.record(5);
    assert.equal(h.quantile(0.99), 5);
  });
});
