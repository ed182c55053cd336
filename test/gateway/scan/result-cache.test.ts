// The scanner's result cache (result-cache.ts): a cached answer is exactly what a fresh scan gives,
// whatever order strings come in, however small the cache (evictions), and whatever a caller did to
// the findings it was handed before; a new configuration never sees the old one's answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScanEngine } from '../../../gateway/request/scan-engine.js';
import { compileScanner, scanTexts } from '../../../gateway/scan/index.js';
import { MIN_CACHED_CHARS } from '../../../gateway/scan/result-cache.js';
import { PLANTS } from './fixtures.js';

const NAMES = ['person', 'location', 'organization'];
const reference = compileScanner({ cacheChars: 0, enabled: NAMES });

const filler = fc.stringMatching(/^[a-z]{1,12}(?: [a-z]{1,12}){0,8}$/);
const prose = fc.constantFrom('Maria Kowalczyk from Globex Corp flew to Berlin.', 'Kowalczyk said hi.', 'Thanks Daniel Okafor.', 'no names here');
const plant = fc.constantFrom(...PLANTS.map((p) => p.text));
/** Texts around the caching threshold, with planted values and names. */
const text = fc
  .array(fc.oneof(filler, plant, prose), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join('\n'))
  .map((t) => (t.length < MIN_CACHED_CHARS - 100 ? t + ' pad'.repeat(Math.ceil((MIN_CACHED_CHARS - t.length) / 4)) : t));

test('a cached scan finds exactly what an uncached one finds, through evictions and caller mutations', () => {
  fc.assert(
    fc.property(
      fc.array(text, { minLength: 1, maxLength: 5 }),
      fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 30 }),
      fc.constantFrom(600, 2_000, 1_000_000),
      (pool, picks, cacheChars) => {
        const cached = compileScanner({ cacheChars, enabled: NAMES });
        for (const [k, asProse] of picks) {
          const t = pool[k % pool.length]!;
          const got = cached.scan(t, asProse);
          assert.deepEqual(got, reference.scan(t, asProse));
          // Callers mutate what they get (name linking sets `value`, redaction reads offsets).
          for (const f of got) {
            f.start += 1;
            f.value = 'mutated';
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('scanTexts with linking: every turn of a growing conversation gets what an uncached scan gives', () => {
  const cached = compileScanner({ enabled: NAMES });
  const turns = ['Maria Kowalczyk opened the ticket; her key is ' + PLANTS[0]!.text, 'Kowalczyk said the export fails.', 'Thanks, Daniel Okafor.'].map((t) => t + ' filler'.repeat(100));
  for (let n = 1; n <= turns.length; n++) {
    const texts = turns.slice(0, n);
    const flags = texts.map(() => true);
    assert.deepEqual(scanTexts(cached, texts, flags), scanTexts(reference, texts, flags));
  }
});

test('reconfiguring drops what the old configuration found: a new deny term is found in a string scanned before', async () => {
  const engine = new ScanEngine({ scan: {}, workerThresholdChars: Number.MAX_SAFE_INTEGER, workers: 0 });
  const t = `the codename is bluebird ${'and more text '.repeat(60)}`;
  assert.deepEqual(await engine.scanAll([t]), [[]]);
  engine.reconfigure({ denyTerms: [{ pattern: 'bluebird' }] });
  const [found] = await engine.scanAll([t]);
  assert.deepEqual(found!.map((f) => t.slice(f.start, f.end)), ['bluebird']);
  engine.reconfigure({});
  assert.deepEqual(await engine.scanAll([t]), [[]]);
  await engine.close();
});

test('short strings are not cached, and cacheChars must be a non-negative integer', () => {
  assert.throws(() => compileScanner({ cacheChars: -1 }));
  assert.throws(() => compileScanner({ cacheChars: 1.5 }));
  const s = compileScanner();
  const short = `mail maria@example.com ${'x'.repeat(10)}`;
  assert.ok(short.length < MIN_CACHED_CHARS);
  assert.deepEqual(s.scan(short), reference.scan(short));
});
