import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base58checkVersion } from '../../../../gateway/scan/checks/base58check.js';
import { segwitValid } from '../../../../gateway/scan/checks/bech32.js';
import { luhnValid } from '../../../../gateway/scan/checks/luhn.js';

test('luhn: known-good and off-by-one numbers', () => {
  for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '79927398713', '0']) assert.equal(luhnValid(n), true, n);
  for (const n of ['4111111111111112', '79927398710', '1234567812345678']) assert.equal(luhnValid(n), false, n);
});

test('base58check: version bytes of valid addresses, null for corrupt ones', () => {
  assert.equal(base58checkVersion('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'), 0x00);
  assert.equal(base58checkVersion('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), 0x05);
  assert.equal(base58checkVersion('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'), null);
  assert.equal(base58checkVersion('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0'), null); // '0' is not base58
  assert.equal(base58checkVersion('1' + 'z'.repeat(40)), null); // does not fit 25 bytes
});

test('bech32: BIP-173 and BIP-350 vectors', () => {
  assert.equal(segwitValid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bc'), true);
  assert.equal(segwitValid('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bc'), true);
  assert.equal(segwitValid('bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3', 'bc'), true);
  assert.equal(segwitValid('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bc'), true);
  // v0 with a bech32m checksum, v1 with a bech32 checksum, mixed case, wrong hrp
  assert.equal(segwitValid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'bc'), false);
  assert.equal(segwitValid('bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'bc'), true);
  assert.equal(segwitValid('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bc'), false);
  assert.equal(segwitValid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4', 'bc'), false);
  assert.equal(segwitValid('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', 'bc'), false);
});
