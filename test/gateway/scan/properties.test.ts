import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileScanner } from '../../../gateway/scan/index.js';
import type { Finding } from '../../../gateway/scan/types.js';
import { PLANTS } from './fixtures.js';

const scanner = compileScanner();

// Filler that can never form a finding on its own nor glue onto a plant: lowercase words.
const filler = fc.stringMatching(/^[a-z]{1,12}(?: [a-z]{1,12}){0,6}$/);
const separator = fc.constantFrom(' ', '\n', ' \n ', '\t', ' , ');
const plant = fc.constantFrom(...PLANTS);

function wellFormed(text: string, found: Finding[]): void {
  for (let i = 0; i < found.length; i++) {
    const f = found[i];
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, JSON.stringify(f));
    assert.match(f.kind, /^[A-Z][A-Z0-9_]*$/);
    if (i > 0) assert.ok(found[i - 1].end <= f.start, 'sorted and non-overlapping');
  }
}

test('properties: planted values amid arbitrary text are found with exact offsets and kinds', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(filler, separator, plant, separator), { minLength: 1, maxLength: 6 }), filler, (parts, tail) => {
      let text = '';
      const expected: { start: number; end: number; kind: string }[] = [];
      for (const [before, s1, p, s2] of parts) {
        text += before + s1;
        const start = text.length + p.text.indexOf(p.value);
        expected.push({ start, end: start + p.value.length, kind: p.kind });
        text += p.text + s2;
      }
      text += tail;
      const found = scanner.scan(text);
      wellFormed(text, found);
      assert.deepEqual(
        found.map((f) => ({ start: f.start, end: f.end, kind: f.kind })),
        expected,
      );
    }),
    { numRuns: 300 },
  );
});

// Text dense in the characters detectors care about, so candidates, overlaps and rejects abound.
const noisy = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PLANTS.map((p) => p.text)),
      fc.constantFrom('@', '.', ':', '=', '-', '_', '/', ' ', '\n', '"', "'", '+', '(', ')', '[[', ']]', 'sk-', 'eyJ', '0x', 'key=', 'password: ', '://', ';Pwd='),
      fc.stringMatching(/^[0-9]{1,20}$/),
      fc.stringMatching(/^[A-Za-z0-9]{1,40}$/),
      fc.string({ maxLength: 8, unit: 'grapheme' }),
    ),
    { maxLength: 40 },
  )
  .map((xs) => xs.join(''));

test('properties: findings are always sorted, non-overlapping and inside the text', () => {
  fc.assert(
    fc.property(noisy, (text) => wellFormed(text, scanner.scan(text))),
    { numRuns: 500 },
  );
});

test('properties: scanning is deterministic, across calls and across compiled scanners', () => {
  const other = compileScanner();
  fc.assert(
    fc.property(noisy, (text) => {
      const first = scanner.scan(text);
      assert.deepEqual(scanner.scan(text), first);
      assert.deepEqual(other.scan(text), first);
    }),
    { numRuns: 300 },
  );
});

test('properties: an allowlisted value is never reported, wherever it appears', () => {
  fc.assert(
    fc.property(plant, noisy, (p, noise) => {
      const text = `${noise} ${p.text} ${noise}`;
      const allowing = compileScanner({ allowlist: [p.value] });
      for (const f of allowing.scan(text)) assert.notEqual(text.slice(f.start, f.end), p.value);
    }),
    { numRuns: 100 },
  );
});
