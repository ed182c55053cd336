import assert from 'node:assert/strict';
import { test } from 'node:test';
import { card } from '../../../../gateway/scan/pii/card.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['Visa 4111 1111 1111 1111 exp 12/25', '4111 1111 1111 1111'],
  ['4111-1111-1111-1111', '4111-1111-1111-1111'],
  ['"number": "4111111111111111"', '4111111111111111'],
  ['MC 5555 5555 5555 4444', '5555 5555 5555 4444'],
  ['MC 2-series 2223 0000 4841 0010', '2223 0000 4841 0010'],
  ['Amex 3782 822463 10005', '3782 822463 10005'],
  ['Amex 371449635398431', '371449635398431'],
  ['Discover 6011 1111 1111 1117', '6011 1111 1111 1117'],
  ['JCB 3530111333300000', '3530111333300000'],
  ['Diners 3056 9309 0259 04', '3056 9309 0259 04'],
];

const NEGATIVES = [
  '4111 1111 1111 1112', // Luhn fails
  '1234 5678 9012 3456', // no issuer starts with 1
  'ts 1714567890123 and 17145678901234567',
  'id 4111111111111111111111', // too long
  'v4111111111111111 and 4111111111111111abc and 4111111111111111.5',
  '4111 1111 1111 111', // 15 digits: not a Visa length
  '4111  1111 1111 1111', // double space: not how cards are written
  '4111 1111-1111 1111', // mixed separators
  'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  '2024-05-01 2024-05-02 2024-05-03',
  'port 4111:1111:1111:1111',
];

for (const [text, value] of POSITIVES) {
  test(`card: finds ${value}`, () => assert.deepEqual(findWith(card, text), [value]));
}

test('card: hard negatives (bad Luhn, unknown issuer, glued, mixed separators) are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(card, text), [], text);
});
