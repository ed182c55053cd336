import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findControlRuns, stripInvisible, unmapSpan } from '../../../gateway/guard/unicode.js';

const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202E', '\u2066', '\u2069', '\u{E0041}', '\u{E007F}'];

test('property: stripping removes exactly the invisibles, and every stripped index maps back to the same character', () => {
  const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...INVISIBLES));
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
    const text = pieces.join('');
    const s = stripInvisible(text);
    assert.equal(s.text, pieces.filter((p) => !INVISIBLES.includes(p)).join('').replace(/[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/g, ''));
    for (let i = 0; i < s.text.length; i++) {
      const { start, end } = unmapSpan(s, i, i + 1);
      assert.equal(text.slice(start, end), s.text[i]);
    }
  }), { numRuns: 500 });
});

test('a span that straddles removed characters covers them in the original', () => {
  const text = 'a\u200Bb\u200B\u200Cc';
  const s = stripInvisible(text);
  assert.equal(s.text, 'abc');
  assert.deepEqual(unmapSpan(s, 0, 3), { start: 0, end: text.length });
  assert.deepEqual(unmapSpan(s, 1, 2), { start: 2, end: 3 });
});

test('text without invisibles is returned as is, with no shifts', () => {
  const s = stripInvisible('plain');
  assert.deepEqual(s, { text: 'plain', shifts: [] });
  assert.deepEqual(findControlRuns('plain'), []);
});

test('control runs: kinds filter, and runs are sorted', () => {
  const text = '\u202Ex\u200B\u200By\u{E0041}';
  assert.deepEqual(findControlRuns(text).map((r) => r.kind), ['bidi-control', 'zero-width', 'tag-characters']);
  assert.deepEqual(findControlRuns(text, new Set(['bidi-control'] as const)).map((r) => [r.start, r.end]), [[0, 1]]);
});
