// Per-request percentiles over the window: a quiet second with one slow request must not outweigh a
// busy second (the median of per-second medians did), and time waiting for a person is its own measure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentLatencies } from '../../../gateway/metrics/window-percentiles.js';

describe('RecentLatencies', () => {
  it('takes the median per request, not per second', () => {
    let now = 1_000_000;
    const r = new RecentLatencies(() => now);
    for (let i = 0; i < 100; i++) r.record({ totalMs: 208, overheadMs: 1, waitMs: 0 });
    now += 1000;
    r.record({ totalMs: 3020, overheadMs: 2, waitMs: 0 });
    now += 1000;
    r.record({ totalMs: 3100, overheadMs: 2, waitMs: 0 });
    const s = r.summary(60);
    assert.equal(s.requests, 102);
    assert.equal(s.p50Ms, 208);
    assert.equal(s.p99Ms, 3020);
    assert.equal(s.overheadP50Ms, 1);
  });

  it('counts only the window, and reports held exchanges\' wait apart', () => {
    let now = 0;
    const r = new RecentLatencies(() => now);
    r.record({ totalMs: 5000, overheadMs: 5, waitMs: 0 });
    now = 120_000;
    r.record({ totalMs: 10, overheadMs: 1, waitMs: 36_500 });
    r.record({ totalMs: 20, overheadMs: 1, waitMs: 0 });
    const s = r.summary(60);
    assert.deepEqual(s, { requests: 2, p50Ms: 10, p99Ms: 20, overheadP50Ms: 1, held: 1, waitP50Ms: 36_500 });
    assert.deepEqual(new RecentLatencies(() => 0).summary(60), { requests: 0, p50Ms: 0, p99Ms: 0, overheadP50Ms: 0, held: 0, waitP50Ms: 0 });
  });
});
