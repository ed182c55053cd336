import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveKeys, deriveSubkey, KEY_PURPOSES } from '../../../gateway/keys/subkeys.js';
import { keyedHash } from '../../../gateway/keys/keyed-hash.js';
import { randomBase62 } from '../../../gateway/keys/random.js';

test('each purpose gets a distinct 32-byte subkey, the same one every time', () => {
  const master = Buffer.alloc(32, 9);
  const exported = KEY_PURPOSES.map((p) => deriveSubkey(master, p).export().toString('hex'));
  assert.equal(new Set(exported).size, KEY_PURPOSES.length);
  for (const hex of exported) assert.equal(hex.length, 64);
  assert.deepEqual(KEY_PURPOSES.map((p) => deriveSubkey(master, p).export().toString('hex')), exported);
  assert.notEqual(deriveSubkey(Buffer.alloc(32, 8), 'vault').export().toString('hex'), exported[0]);
});

test('a master key of the wrong length is refused', () => {
  assert.throws(() => deriveKeys(Buffer.alloc(16)), /32 bytes/);
});

test('keyed hashes depend on the key and are stable', () => {
  const a = deriveKeys(Buffer.alloc(32, 1)).valueHash;
  const b = deriveKeys(Buffer.alloc(32, 2)).valueHash;
  assert.equal(keyedHash(a, 'alice@example.com'), keyedHash(a, 'alice@example.com'));
  assert.notEqual(keyedHash(a, 'alice@example.com'), keyedHash(b, 'alice@example.com'));
  assert.match(keyedHash(a, 'x'), /^[A-Za-z0-9_-]{43}$/);
});

test('randomBase62 gives the requested length over the whole alphabet', () => {
  const s = randomBase62(20_000);
  assert.equal(s.length, 20_000);
  assert.match(s, /^[0-9A-Za-z]+$/);
  assert.equal(new Set(s).size, 62);
});
