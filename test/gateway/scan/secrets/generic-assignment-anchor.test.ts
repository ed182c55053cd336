// generic-secret finds its candidates by walking `:` and `=` and reading backwards, instead of running
// its ANCHOR regex (speed work of issue 9). The regex stays the definition: on random text made of
// key words in every case, quotes, backslashes, blanks, operators and values, the detector reports
// exactly what the regex-driven loop it replaced reports, with the same resume points.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScanContext } from '../../../../gateway/scan/context.js';
import { ANCHOR, genericAssignment, readAssignment } from '../../../../gateway/scan/secrets/generic-assignment.js';

type Found = [number, number, string | undefined];

/** The detector's loop before the change: ANCHOR.exec, resuming where readAssignment says. */
function viaRegex(text: string): Found[] {
  const out: Found[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const next = readAssignment(text, m.index, m.index + m[0].length, (s, e, kind) => out.push([s, e, kind]));
    if (next >= 0) ANCHOR.lastIndex = next > m.index ? next : m.index + 1;
  }
  return out;
}

function viaDetector(text: string): Found[] {
  const out: Found[] = [];
  genericAssignment.find(text, (s, e, kind) => out.push([s, e, kind]), new ScanContext(text));
  return out;
}

const pieces = [
  'key', 'KEY', 'Key', 'kEy', 'ken', 'token', 'TOKEN', 'api_key', 'apiKey', 'APIKEY', 'monkey', 'hotkey', 'public_key', 'access_token',
  'password', 'PASSWORD', 'passwd', 'pwd', 'Pwd', 'word', 'wd', 'db_password', 'secret', 'SECRET', 'client_secret', 'cret', 'se', 'pass', 'to',
  'K', '\u212Aey', 'İ', '_', '-', '.', '"', "'", '`', '\\', '\\"', ' ', '  ', '\t', '     ', '\n',
  ':', '=', '==', '=>', ':=', ': ', '= ', '::', '===',
  'hunter2hunter2', 'Zx9!kQ2#mP7$vL4w', '"s3cr3t-V4lue-9xQ"', "'p@ssW0rd-2024!'", 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', '${DB_PASSWORD}', 'changeme', 'process.env.KEY',
  'abc', 'x', '12345678901234', '{', '}', ',', ';', '(', ')',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((xs) => xs.join(''));

test('generic-secret: the operator walk reports exactly what the ANCHOR regex loop reports', () => {
  fc.assert(
    fc.property(text, (t) => {
      assert.deepEqual(viaDetector(t), viaRegex(t), JSON.stringify(t));
    }),
    { numRuns: 20_000 },
  );
});

test('generic-secret: the same on characters drawn one by one', () => {
  const unit = fc.constantFrom(...'keyKEYnwordWDpasPcrtCT_-. \t"\'`\\:=>Zx9!'.split(''));
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 60 }), (t) => {
      assert.deepEqual(viaDetector(t), viaRegex(t), JSON.stringify(t));
    }),
    { numRuns: 20_000 },
  );
});

test('generic-secret: the same on assignments built piece by piece (blanks, quotes, backslashes, operators around a value)', () => {
  const assignment = fc
    .tuple(
      fc.constantFrom('', 'db_', 'API_', 'my-', 'x.', 'monkey', ' '),
      fc.constantFrom('key', 'KEY', 'token', 'Token', 'password', 'PASSWD', 'pwd', 'secret', 'Secret', 'wd', 'ken', 'cret'),
      fc.constantFrom('', '\\'),
      fc.constantFrom('', '"', "'", '`'),
      fc.constantFrom('', ' ', '\t', '  ', '    ', ' \t  ', '     ', '\t\t\t\t\t'),
      fc.constantFrom(':', '=', ':=', '=>', '==', '::'),
      fc.constantFrom(' ', '', '"', "'"),
      fc.constantFrom('Zx9!kQ2#mP7$vL4w', 's3cr3t-V4lue-9xQ', 'hunter2', 'changeme', '${X}', 'aB3dE6gH9jK2mN5p'),
    )
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.array(fc.tuple(assignment, fc.constantFrom(' ', '\n', ', ', '; ', '')), { minLength: 1, maxLength: 6 }), (xs) => {
      const t = xs.map(([a, s]) => a + s).join('');
      assert.deepEqual(viaDetector(t), viaRegex(t), JSON.stringify(t));
    }),
    { numRuns: 20_000 },
  );
});
