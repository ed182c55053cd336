import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { open, openString, seal } from '../../../gateway/keys/seal.js';
import { deriveKeys } from '../../../gateway/keys/subkeys.js';

const keys = deriveKeys(Buffer.alloc(32, 1));
const other = deriveKeys(Buffer.alloc(32, 2));

test('seal then open round-trips any plaintext and AAD', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (plain, aad) => {
      assert.equal(openString(keys.vault, seal(keys.vault, plain, aad), aad), plain);
    }),
  );
});

test('the same plaintext seals differently each time (random nonce)', () => {
  const a = seal(keys.vault, 'secret', 'aad');
  const b = seal(keys.vault, 'secret', 'aad');
  assert.notDeepEqual(a, b);
  assert.equal(a.length, 1 + 12 + 'secret'.length + 16);
  assert.equal(a.includes(Buffer.from('secret')), false);
});

test('open refuses a wrong AAD, a wrong key, another purpose key and tampered bytes', () => {
  const sealed = seal(keys.vault, 'sk-live-123', '["vault","s","p"]');
  assert.throws(() => open(keys.vault, sealed, '["vault","s","q"]'));
  assert.throws(() => open(other.vault, sealed, '["vault","s","p"]'));
  assert.throws(() => open(keys.providerKeys, sealed, '["vault","s","p"]'));
  for (const at of [0, 5, sealed.length - 20, sealed.length - 1]) {
    const bad = Buffer.from(sealed);
    bad[at] ^= 0x01;
    assert.throws(() => open(keys.vault, bad, '["vault","s","p"]'), `flipping byte ${at}`);
  }
  assert.throws(() => open(keys.vault, sealed.subarray(0, 20), '["vault","s","p"]'));
});
