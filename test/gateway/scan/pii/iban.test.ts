import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iban } from '../../../../gateway/scan/pii/iban.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['IBAN: DE89 3704 0044 0532 0130 00.', 'DE89 3704 0044 0532 0130 00'],
  ['DE89370400440532013000', 'DE89370400440532013000'],
  ['pay to GB82 WEST 1234 5698 7654 32 today', 'GB82 WEST 1234 5698 7654 32'],
  ['FR14 2004 1010 0505 0001 3M02 606', 'FR14 2004 1010 0505 0001 3M02 606'],
  ['"iban":"NL91ABNA0417164300"', 'NL91ABNA0417164300'],
  ['CH93 0076 2011 6238 5295 7 EUR', 'CH93 0076 2011 6238 5295 7'],
  // Letter-heavy BBANs: the digits start well after the country code.
  ['MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'MT84 MALT 0110 0001 2345 MTLC AST0 01S'],
  ['SC18SSCB11010000000000001497USD', 'SC18SSCB11010000000000001497USD'],
  ['LC55 HEMM 0001 0001 0012 0012 0002 3015', 'LC55 HEMM 0001 0001 0012 0012 0002 3015'],
  ['QA58DOHB00001234567890ABCDEFG', 'QA58DOHB00001234567890ABCDEFG'],
  ['NO93 8601 1117 947', 'NO93 8601 1117 947'],
];

// Lowercase IBANs are not reported: they are rare in practice and the uppercase anchor keeps the
// scan cheap. Documented in docs/detectors.md.
const NEGATIVES = [
  'DE89 3704 0044 0532 0130 01', // mod-97 fails
  'DE89370400440532013001',
  'ES2015 and ES2022 targets, UTF8, ISO8601, AB12 3456',
  'XDE89370400440532013000 and DE89370400440532013000X',
  'DE89 37040044 0532 0130 00', // groups not of four
  'de89370400440532013000',
  'GB82WEST123456987654', // too short for GB
];

for (const [text, value] of POSITIVES) {
  test(`iban: finds ${value}`, () => assert.deepEqual(findWith(iban, text), [value]));
}

test('iban: several IBANs in one text are all found', () => {
  assert.deepEqual(findWith(iban, 'two: DE89370400440532013000 GB29NWBK60161331926819'), ['DE89370400440532013000', 'GB29NWBK60161331926819']);
});

test('iban: hard negatives are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(iban, text), [], text);
});
