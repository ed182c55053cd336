import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetricsSecond } from '../../../gateway/admin/contract.js';
import { appendSecond, emptySeries, providerLines, summarize } from '../../../renderer/lib/series.js';

const second = (t: number, rps: number, over: Partial<MetricsSecond> = {}): MetricsSecond => ({
  t, rps, errors: 0, p50Ms: 10, p99Ms: 20, overheadP50Ms: 1, bytesIn: 100, bytesOut: 200, findings: 0, blocks: 0, pending: 0, ...over,
});

describe('the per-second window', () => {
  it('appends newer seconds, ignores repeats and older ones, keeps the size', () => {
    let s = emptySeries();
    for (let t = 100; t < 105; t++) s = appendSecond(s, second(t, t - 100), 3);
    assert.deepEqual(s.t, [102, 103, 104]);
    assert.deepEqual(s.rps, [2, 3, 4]);
    assert.equal(appendSecond(s, second(104, 99), 3), s);
    assert.equal(appendSecond(s, second(90, 99), 3), s);
  });

  it('fills seconds the stream skipped with zeros, as the server does', () => {
    const s = appendSecond(appendSecond(emptySeries(), second(10, 5), 60), second(13, 7), 60);
    assert.deepEqual(s.t, [10, 11, 12, 13]);
    assert.deepEqual(s.rps, [5, 0, 0, 7]);
    assert.deepEqual(s.pending, [0, 0, 0, 0]);
  });

  it('never fills more than the window after a long gap', () => {
    const s = appendSecond(appendSecond(emptySeries(), second(10, 1), 5), second(1_000_000, 2), 5);
    assert.equal(s.t.length, 5);
    assert.equal(s.t.at(-1), 1_000_000);
  });

  it('summarises the window for the tiles', () => {
    let s = emptySeries();
    s = appendSecond(s, second(1, 0, { p50Ms: 0 }), 60);
    s = appendSecond(s, second(2, 4, { p50Ms: 30, p99Ms: 90, findings: 3, blocks: 1, errors: 1 }), 60);
    s = appendSecond(s, second(3, 2, { p50Ms: 10, pending: 2 }), 60);
    const sum = summarize(s);
    assert.equal(sum.requests, 6);
    assert.equal(sum.rpsPeak, 4);
    assert.equal(sum.rpsNow, 2);
    assert.deepEqual([sum.findings, sum.blocks, sum.errors, sum.pendingNow], [3, 1, 1, 2]);
  });

  it('keeps one column per provider aligned with t: new providers start at zero, skipped seconds are zeros', () => {
    let s = appendSecond(emptySeries(), second(10, 1, { providers: { openai: 1 } }), 4);
    s = appendSecond(s, second(12, 3, { providers: { ollama: 2, openai: 1 } }), 4);
    s = appendSecond(s, second(13, 0), 4);
    s = appendSecond(s, second(14, 1, { providers: { ollama: 1 } }), 4);
    assert.deepEqual(s.t, [11, 12, 13, 14]);
    assert.deepEqual(s.providers, { openai: [0, 1, 0, 0], ollama: [0, 2, 0, 1] });
    assert.deepEqual(providerLines(s).map((l) => [l.label, l.color]), [['ollama', '--chart-1'], ['openai', '--chart-2']]);
    assert.deepEqual(providerLines(emptySeries()), []);
  });
});
