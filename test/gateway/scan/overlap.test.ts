import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveOverlaps } from '../../../gateway/scan/overlap.js';
import type { Finding } from '../../../gateway/scan/types.js';

const RANKS: Record<string, number> = { email: 1, phone: 1, 'custom:0': 2, 'generic-secret': 3, 'openai-key': 4 };
const rank = (f: Finding): number => RANKS[f.detector];
const f = (detector: string, start: number, end: number): Finding => ({ detector, category: 'pii', kind: 'X', start, end });

test('overlap: non-overlapping findings are only sorted', () => {
  assert.deepEqual(resolveOverlaps([f('phone', 10, 20), f('email', 0, 5)], rank), [f('email', 0, 5), f('phone', 10, 20)]);
});

test('overlap: rank wins before length', () => {
  assert.deepEqual(resolveOverlaps([f('email', 0, 30), f('openai-key', 10, 12)], rank), [f('openai-key', 10, 12)]);
  assert.deepEqual(resolveOverlaps([f('generic-secret', 0, 20), f('openai-key', 0, 20)], rank), [f('openai-key', 0, 20)]);
});

test('overlap: at equal rank the longer wins, then the earlier, then the detector id', () => {
  assert.deepEqual(resolveOverlaps([f('phone', 5, 10), f('email', 0, 12)], rank), [f('email', 0, 12)]);
  assert.deepEqual(resolveOverlaps([f('phone', 5, 15), f('email', 0, 10)], rank), [f('email', 0, 10)]);
  assert.deepEqual(resolveOverlaps([f('phone', 0, 10), f('email', 0, 10)], rank), [f('email', 0, 10)]);
});

test('overlap: a loser does not block a later finding it overlapped', () => {
  // email [0,20) loses to the key [5,8); phone [15,25) overlapped only the loser, so it stays.
  const out = resolveOverlaps([f('email', 0, 20), f('openai-key', 5, 8), f('phone', 15, 25)], rank);
  assert.deepEqual(out, [f('openai-key', 5, 8), f('phone', 15, 25)]);
});

test('overlap: touching spans do not overlap', () => {
  assert.deepEqual(resolveOverlaps([f('email', 0, 5), f('phone', 5, 9)], rank), [f('email', 0, 5), f('phone', 5, 9)]);
});
