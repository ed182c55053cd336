import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cnId, validCnId } from '../../../../gateway/scan/pii/cn-id.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['身份证号 11010519491231002X', '11010519491231002X'],
  ['id=11010519491231002x;', '11010519491231002x'],
  ['310101199003070019', '310101199003070019'],
  ['"cn_id": "440304198512151233"', '440304198512151233'],
  ['510108200011294562', '510108200011294562'],
];

const NEGATIVES = [
  '11010519491231002', // 17 digits
  '110105194912310021', // checksum
  '990105194912310027', // no province 99
  '110105194913310021 110105194902300020', // month 13, 30 Feb
  '110105180001010014', // born before 1900
  '123456789012345678',
  '1110105194912310021 11010519491231002X1 x11010519491231002X',
];

for (const [text, value] of POSITIVES) {
  test(`cn-id: finds ${value}`, () => assert.deepEqual(findWith(cnId, text), [value]));
}

test('cn-id: hard negatives are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(cnId, text), [], text);
});

test('cn-id: a birth date in the future is not plausible', () => {
  assert.equal(validCnId('11010519491231002X', new Date('1949-12-30')), false);
  assert.equal(validCnId('11010519491231002X', new Date('1950-01-01')), true);
});
