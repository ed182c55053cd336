import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from 'recheck';
import { unsafeRegexReason } from '../../../../gateway/scan/custom/regex-safety.js';
import { SAFE_PATTERNS, UNSAFE_PATTERNS } from './regex-corpus.js';

test('regex corpus: common safe deny-term patterns are accepted', () => {
  assert.ok(SAFE_PATTERNS.length >= 30);
  for (const source of SAFE_PATTERNS) assert.equal(unsafeRegexReason(source, { ignoreCase: true }), null, source);
});

test('regex corpus: catastrophic and polynomial patterns are refused, saying why', () => {
  assert.ok(UNSAFE_PATTERNS.length >= 10);
  for (const [source, why] of UNSAFE_PATTERNS) assert.match(unsafeRegexReason(source, { ignoreCase: true }) ?? 'accepted', why, source);
});

// recheck (automaton checker: exact, no fuzzing) is the independent judge: the structural check must
// never accept what it proves vulnerable, and its refusals here are real ones, not false alarms.
test('regex corpus: recheck agrees with every entry', async () => {
  for (const source of SAFE_PATTERNS) {
    const r = await check(source, 'gi', { timeout: 20_000, checker: 'automaton' });
    assert.equal(r.status, 'safe', `${source}: ${r.status}`);
  }
  for (const [source] of UNSAFE_PATTERNS) {
    const r = await check(source, 'gi', { timeout: 20_000, checker: 'automaton' });
    assert.equal(r.status, 'vulnerable', `${source}: ${r.status}`);
  }
});
