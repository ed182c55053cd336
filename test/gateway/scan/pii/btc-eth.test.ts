import assert from 'node:assert/strict';
import { test } from 'node:test';
import { btc } from '../../../../gateway/scan/pii/btc.js';
import { eth } from '../../../../gateway/scan/pii/eth.js';
import { findWith } from '../fixtures.js';

const BTC: [string, string][] = [
  ['send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 please', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
  ['P2SH 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
  ['segwit bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'],
  ['taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'],
];

const BTC_NEGATIVES = [
  '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', // checksum
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // checksum
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4', // mixed case
  'x1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  '13456789ABCDEFGHJKLMNPQRSTUVWXYZ', // base58-shaped, no checksum
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
];

const ETH: [string, string][] = [
  ['to 0x52908400098527886E0F7030069857D2E4169EE7', '0x52908400098527886E0F7030069857D2E4169EE7'],
  ['"0xde709f2102306220921060314715629080e2fb77"', '0xde709f2102306220921060314715629080e2fb77'],
];

const ETH_NEGATIVES = [
  '0x' + 'ab'.repeat(32), // 64 hex: a hash or key, not an address
  '0x' + 'a'.repeat(39),
  '0x0000000000000000000000000000000000000000',
  'x0x52908400098527886E0F7030069857D2E4169EE7',
  '0x52908400098527886E0F7030069857D2E4169EE7g',
  'color: #a1b2c3; mask 0xffff',
];

for (const [text, value] of BTC) test(`btc: finds ${value}`, () => assert.deepEqual(findWith(btc, text), [value]));
for (const [text, value] of ETH) test(`eth: finds ${value}`, () => assert.deepEqual(findWith(eth, text), [value]));

test('btc: bad checksums, mixed case, glued and base58-shaped strings are not reported', () => {
  for (const text of BTC_NEGATIVES) assert.deepEqual(findWith(btc, text), [], text);
});

test('eth: hashes, short hex, the zero address and glued hex are not reported', () => {
  for (const text of ETH_NEGATIVES) assert.deepEqual(findWith(eth, text), [], text);
});
