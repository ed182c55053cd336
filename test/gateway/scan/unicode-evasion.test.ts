import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BUILTIN_DETECTORS, compileScanner } from '../../../gateway/scan/index.js';
import { INVISIBLE_RANGES } from '../../../gateway/scan/normalize.js';
import { PLANTS } from './fixtures.js';

// Models read text through zero-width characters, soft hyphens, bidi controls, tag characters and
// fullwidth forms as if they were plain ASCII, so every detector must too: any value it finds is
// still found, covering exactly the characters that were sent, when invisible characters are
// inserted anywhere inside it or its ASCII letters, digits and `@` are written fullwidth.

const TERM = 'Project Bluebird';
// The opt-in name detectors are on here, and every text is scanned as prose, so they are held to the same.
const scanner = compileScanner({ denyTerms: [{ pattern: TERM, kind: 'CODENAME' }], enabled: ['person', 'location', 'organization'] });
const CASES = [
  ...PLANTS.map((p) => ({ ...p })),
  { text: `codename ${TERM}`, value: TERM, kind: 'CODENAME' },
  { text: 'ticket from Maria Kowalczyk about the export', value: 'Maria Kowalczyk', kind: 'PERSON' },
  { text: 'the office in Berlin is closed', value: 'Berlin', kind: 'LOCATION' },
  { text: 'a contract with Globex Corp was signed', value: 'Globex Corp', kind: 'ORGANIZATION' },
];

const INVISIBLES = INVISIBLE_RANGES.flatMap(([lo, hi]) => [lo, hi, (lo + hi) >> 1].map((cp) => String.fromCodePoint(cp)));
const toFullwidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);

function place(p: { text: string; value: string }, value: string): { text: string; start: number; end: number } {
  const at = p.text.indexOf(p.value);
  const text = `Before. ${p.text.slice(0, at)}${value}${p.text.slice(at + p.value.length)} after.`;
  const start = `Before. `.length + at;
  return { text, start, end: start + value.length };
}

function assertFound(kind: string, text: string, start: number, end: number): void {
  const found = scanner.scan(text, true).filter((f) => f.start < end && f.end > start);
  assert.equal(found.length, 1, `one finding over the value in ${JSON.stringify(text)}, got ${JSON.stringify(found)}`);
  assert.deepEqual({ kind: found[0]!.kind, start: found[0]!.start, end: found[0]!.end }, { kind, start, end });
}

test('every built-in detector has a plant here (so every detector is property-tested)', () => {
  const seen = new Set(CASES.flatMap((p) => scanner.scan(p.text, true).map((f) => f.detector)));
  const missing = BUILTIN_DETECTORS.map((d) => d.id).filter((id) => !seen.has(id));
  // ipv6 and ipv4 share a plant each; generic-secret is covered by its password and secret plants.
  assert.deepEqual(missing, []);
});

for (const plant of CASES) {
  const label = `${plant.kind} ${JSON.stringify(plant.value.slice(0, 24))}`;

  test(`unicode: ${label} is found with invisible characters inside it, covering them`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: plant.value.length - 1 }), fc.constantFrom(...INVISIBLES)), { minLength: 1, maxLength: 6 }),
        (inserts) => {
          let value = plant.value;
          // Insert from the back so earlier positions stay valid.
          for (const [pos, ch] of [...inserts].sort((a, b) => b[0] - a[0])) value = value.slice(0, pos) + ch + value.slice(pos);
          const { text, start, end } = place(plant, value);
          assertFound(plant.kind, text, start, end);
        },
      ),
      { numRuns: 40 },
    );
  });

  test(`unicode: ${label} is found with its letters, digits and @ fullwidth`, () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: plant.value.length, maxLength: plant.value.length }), (mask) => {
        const value = [...plant.value].map((c, i) => (mask[i] && /[A-Za-z0-9@]/.test(c) ? toFullwidth(c) : c)).join('');
        const { text, start, end } = place(plant, value);
        assertFound(plant.kind, text, start, end);
      }),
      { numRuns: 20 },
    );
    const all = plant.value.replace(/[A-Za-z0-9@]/g, toFullwidth);
    const { text, start, end } = place(plant, all);
    assertFound(plant.kind, text, start, end);
  });
}

test('unicode: fullwidth and invisible characters in the surrounding text change nothing', () => {
  const text = 'ｍａｉｌ：\u200B ｊａｎｅ．ｄｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ\u00AD、電話 ＋４４\u2060 ２０ ７９４６ ０９５８。';
  const found = scanner.scan(text, true).map((f) => [f.kind, text.slice(f.start, f.end)]);
  assert.deepEqual(found, [
    ['EMAIL', 'ｊａｎｅ．ｄｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
    ['PHONE', '＋４４\u2060 ２０ ７９４６ ０９５８'],
  ]);
});
