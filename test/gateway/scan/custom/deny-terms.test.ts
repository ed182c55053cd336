import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileDenyTerms } from '../../../../gateway/scan/custom/deny-terms.js';
import { ScanConfigError } from '../../../../gateway/scan/errors.js';
import type { DenyTerm } from '../../../../gateway/scan/types.js';
import { findWith } from '../fixtures.js';

const one = (term: DenyTerm) => compileDenyTerms([term])[0];

test('deny-terms: a literal matches regardless of case by default, regex characters are literal', () => {
  const d = one({ pattern: 'Project Falcon (v2.1)' });
  assert.equal(d.id, 'custom:0');
  assert.equal(d.category, 'custom');
  assert.equal(d.kind, 'CUSTOM');
  assert.deepEqual(findWith(d, 'about project falcon (v2.1) and PROJECT FALCON (V2.1)'), ['project falcon (v2.1)', 'PROJECT FALCON (V2.1)']);
  assert.deepEqual(findWith(d, 'Project Falcon (v2x1)'), []);
});

test('deny-terms: caseSensitive and wholeWord', () => {
  const d = one({ pattern: 'Falcon', caseSensitive: true, wholeWord: true, kind: 'CODENAME' });
  assert.equal(d.kind, 'CODENAME');
  assert.deepEqual(findWith(d, 'Falcon falcon Falcons MyFalcon Falcon_x (Falcon) Falcon9 Falconé éFalcon'), ['Falcon', 'Falcon']);
});

test('deny-terms: wholeWord still finds a later match after a rejected overlapping one', () => {
  assert.deepEqual(findWith(one({ pattern: 'aa', wholeWord: true }), 'aaa aa'), ['aa']);
});

test('deny-terms: regex terms, with ids numbered by position', () => {
  const [a, b] = compileDenyTerms([{ pattern: 'x' }, { pattern: 'ACME-\\d{4,8}', regex: true }]);
  assert.equal(a.id, 'custom:0');
  assert.equal(b.id, 'custom:1');
  assert.deepEqual(findWith(b, 'tickets acme-1234 and ACME-12345678 but not ACME-12'), ['acme-1234', 'ACME-12345678']);
});

test('deny-terms: zero-length regex matches are never reported', () => {
  assert.throws(() => one({ pattern: 'a?', regex: true }), /matches the empty string/);
  assert.deepEqual(findWith(one({ pattern: '(?=secret)s', regex: true }), 'secret'), ['s']);
});

test('deny-terms: invalid, unsafe, empty patterns and bad kinds are clear config errors', () => {
  assert.throws(() => one({ pattern: '(unclosed', regex: true }), (e: unknown) => e instanceof ScanConfigError && /denyTerms\[0\]: invalid regex/.test(e.message));
  assert.throws(() => one({ pattern: '(a+)+$', regex: true }), (e: unknown) => e instanceof ScanConfigError && /ReDoS/.test(e.message));
  assert.throws(() => one({ pattern: '' }), ScanConfigError);
  assert.throws(() => one({ pattern: 'x', kind: 'lower' }), /kind must match/);
  assert.throws(() => compileDenyTerms([{ pattern: 'ok' }, { pattern: '\\d+x', regex: true }]), /denyTerms\[1\].*ReDoS/);
});

test('deny-terms: simple unbounded regexes people write are accepted and match', () => {
  assert.deepEqual(findWith(one({ pattern: 'PRJ-\\d+', regex: true }), 'see PRJ-1234 and prj-9'), ['PRJ-1234', 'prj-9']);
  assert.deepEqual(findWith(one({ pattern: '\\b[A-Z]{2,5}-\\d+\\b', regex: true, caseSensitive: true }), 'fix ABC-12, not abc-3'), ['ABC-12']);
});
