import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RANGE_BUDGET, unsafeRegexReason } from '../../../../gateway/scan/custom/regex-safety.js';

const SAFE = [
  'Project Falcon',
  'ACME-\\d{4,8}',
  '\\b[A-Z]{2}\\d{6}\\b',
  '(?:foo|bar)-\\d{3}',
  '[A-Za-z0-9]{20,40}',
  '\\d{3}-\\d{3}-\\d{4}',
  '(?<![\\w.])internal\\.corp(?!\\w)',
  '(?:ab){1,3}c',
  '(a{1,5})?b',
  'x{2}?y',
  '\\(\\*\\+\\)',
  '[*+{]{1,3}',
  'a{,5}',
  'a{2,}',
  'PRJ-\\d+',
];

const UNSAFE: [string, RegExp][] = [
  ['(a+)+$', /nested repetition/],
  ['\\d+x', /unbounded/],
  ['a*b', /unbounded/],
  ['x\\d+\\d+y', /overlap/],
  ['(a{1,5}){1,5}', /nested repetition/],
  ['(?:a|ab){1,9}c', /nested repetition/],
  ['(\\w{1,3}\\s?){1,10}', /nested repetition/],
  ['(a)\\1', /backreference/],
  ['(?<x>a)\\k<x>', /named backreference/],
  ['a{0,99}a{0,99}a{0,99}', /ranges multiply/],
];

test('regex-safety: flat, bounded patterns pass', () => {
  for (const source of SAFE) assert.equal(unsafeRegexReason(source), null, source);
});

test('regex-safety: unbounded, nested, ambiguous, backreferencing and explosive patterns are rejected', () => {
  for (const [source, reason] of UNSAFE) assert.match(unsafeRegexReason(source) ?? 'passed', reason, source);
});

test('regex-safety: the range budget is a product over quantifiers', () => {
  assert.equal(unsafeRegexReason(`a{0,${RANGE_BUDGET - 1}}`), null);
  assert.match(unsafeRegexReason(`a{0,${RANGE_BUDGET}}`) ?? '', /ranges multiply/);
  assert.equal(unsafeRegexReason('a{1,32}b{1,32}'), null);
  assert.match(unsafeRegexReason('a{1,33}b{1,32}') ?? '', /ranges multiply/);
});

test('regex-safety: a trailing loop needs a guard when the scanner retries inside a match (whole-word terms)', () => {
  assert.equal(unsafeRegexReason('ghp_\\w+'), null);
  assert.match(unsafeRegexReason('ghp_\\w+', { retriesInsideMatch: true }) ?? '', /start anywhere/);
  assert.equal(unsafeRegexReason('ghp-\\w+', { retriesInsideMatch: true }), null);
});

test('regex-safety: case folding counts for overlap', () => {
  assert.equal(unsafeRegexReason('X\\d+[a-z]+'), null);
  assert.equal(unsafeRegexReason('X[a-z]+Q'), null);
  assert.match(unsafeRegexReason('X[a-z]+Q', { ignoreCase: true }) ?? '', /start anywhere/);
  assert.match(unsafeRegexReason('[a-z]+ID[A-Z]+\\d', { ignoreCase: true }) ?? '', /start anywhere|overlap/);
});
