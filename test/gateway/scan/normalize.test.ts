import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScanLimitError } from '../../../gateway/scan/errors.js';
import { INVISIBLE_RANGES, isInvisible, normalizeForScan } from '../../../gateway/scan/normalize.js';

/** One sample of each invisible range, both ends. */
export const INVISIBLES = INVISIBLE_RANGES.flatMap(([lo, hi]) => [String.fromCodePoint(lo), String.fromCodePoint(hi)]);
const fullwidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withoutInvisibles = (s: string) => [...s].filter((c) => !isInvisible(c.codePointAt(0)!)).join('');

// Pieces whose fold is one character each (or none), so every view offset is a character boundary.
const piece = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(...INVISIBLES),
  fc.stringMatching(/^[!-~]{1,6}$/).map(fullwidth),
  fc.constantFrom('é', '中文', '🎉', 'ñ', 'ß', '\u00A0', '\u3000', '＠', '﹫', '１２３'),
);

test('pure ASCII, and text with nothing to fold, take the fast path: no view, no copy', () => {
  assert.equal(normalizeForScan('plain ascii, jane@example.com'), null);
  assert.equal(normalizeForScan('café 中文 🎉 naïve Ελληνικά'), null);
  assert.equal(normalizeForScan(''), null);
});

test('property: the view is the NFKC fold of the text with invisible characters removed', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      const view = normalizeForScan(text);
      const expected = [...withoutInvisibles(text)].map((c) => c.normalize('NFKC')).join('');
      assert.equal(view === null ? text : view.text, expected);
    }),
    { numRuns: 500 },
  );
});

test('property: every view span maps back to original characters that fold to exactly that span', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 20 }), fc.nat(), fc.nat(), (pieces, a, b) => {
      const text = pieces.join('');
      const view = normalizeForScan(text);
      if (view === null) return;
      const n = view.text.length;
      if (n === 0) return;
      const i = a % n;
      const j = i + 1 + (b % (n - i));
      const start = view.start(i);
      const end = view.end(j);
      assert.ok(0 <= start && start < end && end <= text.length);
      const original = text.slice(start, end);
      assert.equal([...withoutInvisibles(original)].map((c) => c.normalize('NFKC')).join(''), view.text.slice(i, j));
      // Invisible characters at the edges stay outside; inside, they are covered.
      assert.ok(!isInvisible(original.codePointAt(0)!), 'span does not start on an invisible');
      assert.ok(!isInvisible([...original].at(-1)!.codePointAt(0)!), 'span does not end on an invisible');
    }),
    { numRuns: 500 },
  );
});

test('a span covers the invisible characters inside it and not those around it', () => {
  const text = '\u200Bma\u200Bri\u00ADa\u2060';
  const view = normalizeForScan(text)!;
  assert.equal(view.text, 'maria');
  assert.deepEqual([view.start(0), view.end(5)], [1, text.length - 1]);
  assert.deepEqual([view.start(2), view.end(3)], [4, 5]);
});

test('fullwidth and small-form @ and digits fold to ASCII, one to one', () => {
  const text = 'ｍａｒｉａ＠ｅｘａｍｐｌｅ．ｄｅ ﹫ １２３';
  const view = normalizeForScan(text)!;
  assert.equal(view.text, 'maria@example.de @ 123');
  assert.deepEqual([view.start(6), view.end(13)], [6, 13]);
});

test('expansions map every view character inside them to the whole original character', () => {
  const text = 'a\uFB01b ⑩'; // ﬁ ligature, circled ten
  const view = normalizeForScan(text)!;
  assert.equal(view.text, 'afib 10');
  assert.deepEqual([view.start(1), view.end(2)], [1, 2], 'the f of ﬁ is the whole ligature');
  assert.deepEqual([view.start(2), view.end(3)], [1, 2], 'so is its i');
  assert.deepEqual([view.start(5), view.end(7)], [4, 5]);
  assert.deepEqual([view.start(3), view.end(4)], [2, 3], 'offsets after an expansion shift back');
});

test('a base and its combining marks fold together (NFKC composes them)', () => {
  const text = 'Mu\u0308ller e\u0301';
  const view = normalizeForScan(text)!;
  assert.equal(view.text, 'Müller é');
  assert.deepEqual([view.start(1), view.end(2)], [1, 3]);
  assert.equal(text.slice(view.start(0), view.end(6)), 'Mu\u0308ller');
});

test('astral characters: tag characters and variation selectors supplement are removed, math letters fold', () => {
  const text = 'k\u{E0041}e\u{E0100}y \u{1D41A}\u{1D7CF}';
  const view = normalizeForScan(text)!;
  assert.equal(view.text, 'key a1');
  assert.deepEqual([view.start(0), view.end(3)], [0, 7]);
  assert.deepEqual([view.start(4), view.end(6)], [8, 12]);
});

test('a view that would grow far beyond its text is refused (fail closed), not built', () => {
  assert.throws(() => normalizeForScan('\uFDFA'.repeat(1000)), ScanLimitError);
  assert.equal(normalizeForScan('a \uFDFA b')!.text.length, 22);
});

test('Unicode hyphens NFKC keeps (U+2010, U+2011) read as ASCII hyphen-minus', () => {
  const text = 'sk\u2011proj\u2010x';
  const view = normalizeForScan(text)!;
  assert.equal(view.text, 'sk-proj-x');
  assert.deepEqual([view.start(0), view.end(9)], [0, 9]);
});
