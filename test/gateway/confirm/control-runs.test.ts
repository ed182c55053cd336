import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findControlRuns } from '../../../gateway/confirm/control-runs.js';

test('text without control characters has no runs', () => {
  assert.deepEqual(findControlRuns('plain'), []);
});

test('control runs: kinds filter, and runs are sorted', () => {
  const text = '\u202Ex\u200B\u200By\u{E0041}';
  assert.deepEqual(findControlRuns(text).map((r) => r.kind), ['bidi-control', 'zero-width', 'tag-characters']);
  assert.deepEqual(findControlRuns(text, new Set(['bidi-control'] as const)).map((r) => [r.start, r.end]), [[0, 1]]);
});
