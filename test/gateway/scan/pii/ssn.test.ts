import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ssn } from '../../../../gateway/scan/pii/ssn.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['SSN: 536-22-1234', '536-22-1234'],
  ['ssn 536 22 1234.', '536 22 1234'],
  ['"ssn":"219-45-6789"', '219-45-6789'],
  ['(001-01-0001)', '001-01-0001'],
];

const NEGATIVES = [
  '078-05-1120', // the Woolworth wallet number
  '000-12-3456 666-12-3456 900-12-3456 999-12-3456', // invalid areas
  '536-00-1234 536-22-0000', // zero group / serial
  '987-65-4321', // reserved for advertising
  '536-22 1234 and 536 22-1234', // mixed separators
  '1536-22-1234 536-22-12345 x536-22-1234 536-22-1234-5',
  'v1.536-22-1234', 'path/536-22-1234',
  '415-555-2671 and 2024-05-01',
];

for (const [text, value] of POSITIVES) {
  test(`ssn: finds ${value}`, () => assert.deepEqual(findWith(ssn, text), [value]));
}

test('ssn: hard negatives are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(ssn, text), [], text);
});
