import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoPrivateKey } from '../../../../gateway/scan/secrets/crypto-keys.js';
import { base58check, bytes, wif, xprv } from '../../../helpers/wallet-values.js';
import { findWith } from '../fixtures.js';

const POSITIVES = [
  wif(10),
  wif(11, { compressed: false }),
  wif(12, { testnet: true }),
  xprv(13),
  xprv(14, 'tprv'),
  xprv(15, 'zprv'),
];

test('crypto-private-key: WIF (compressed, uncompressed, testnet) and extended private keys, in context', () => {
  for (const key of POSITIVES) {
    for (const text of [key, `importprivkey ${key}`, `{"wif": "${key}"}`, `xprv: ${key}\n`]) assert.deepEqual(findWith(cryptoPrivateKey, text), [key], text);
  }
});

test('crypto-private-key: broken checksums, wrong versions, public keys and glued words are not findings', () => {
  const corrupt = (s: string) => s.slice(0, 20) + (s[20] === 'a' ? 'b' : 'a') + s.slice(21);
  const xpub = base58check(Buffer.concat([Buffer.from('0488b21e', 'hex'), bytes(74, 16)]));
  const wrongVersion = base58check(Buffer.concat([Uint8Array.of(0x81), bytes(32, 17), Uint8Array.of(1)]));
  const negatives = [
    corrupt(wif(10)),
    corrupt(xprv(13)),
    xpub,
    wrongVersion,
    `x${wif(10)}`,
    `${wif(10)}_backup`,
    '5HueCGU8rMjxEXxiPuD5BDku4MM' + 'a'.repeat(24),
    'K'.repeat(52),
  ];
  for (const text of negatives) assert.deepEqual(findWith(cryptoPrivateKey, text), [], text);
});
