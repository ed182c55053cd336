import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
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

// Random patterns from the pieces deny terms are made of: whatever the structural check accepts,
// recheck's exact checker must not find vulnerable (this found a loop hidden in an earlier group).
const atom = fc.constantFrom('a', 'b', '-', '_', ':', '\\d', '\\w', '\\s', '\\S', '[a-z]', '[^-]', '.', '\\b', '^', '$');
const quantifier = fc.constantFrom('', '', '', '?', '+', '*', '{1,3}', '{2,}');
const piece = fc.tuple(atom, quantifier).map(([a, q]) => (/^(\\b|\^|\$)$/.test(a) ? a : a + q));
const group = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.array(piece, { maxLength: 2 }), quantifier)
  .map(([x, y, q]) => `(?:${x.join('')}${y.length > 0 ? `|${y.join('')}` : ''})${q}`);
const pattern = fc.array(fc.oneof(piece, piece, group), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

test('regex corpus: no random pattern the check accepts is vulnerable to recheck', async () => {
  await fc.assert(fc.asyncProperty(pattern, async (source) => {
    fc.pre(unsafeRegexReason(source, { ignoreCase: true }) === null);
    const r = await check(source, 'gi', { timeout: 20_000, checker: 'automaton' });
    assert.notEqual(r.status, 'vulnerable', `${source}: ${r.status === 'vulnerable' ? r.complexity.type : ''}`);
  }), { numRuns: 150 });
});
