import assert from 'node:assert/strict';
import { test } from 'node:test';
import { privateKey } from '../../../../gateway/scan/secrets/private-key.js';
import { findWith, pem } from '../fixtures.js';

const LABELS = ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PGP PRIVATE KEY BLOCK'];

for (const label of LABELS) {
  test(`private-key: redacts a whole ${label} block`, () => {
    const block = pem(label);
    assert.deepEqual(findWith(privateKey, `key file:\n${block}\n(end)`), [block]);
  });
}

test('private-key: a JSON-escaped block (literal \\n) is one finding', () => {
  const block = pem('RSA PRIVATE KEY', '\\n');
  assert.deepEqual(findWith(privateKey, `{"private_key": "${block}\\n", "client_email": "x"}`), [block]);
});

test('private-key: a truncated block without END is redacted through its base64 body', () => {
  const full = pem('OPENSSH PRIVATE KEY');
  const truncated = full.slice(0, full.indexOf('-----END'));
  const found = findWith(privateKey, `${truncated} and then prose`);
  assert.equal(found.length, 1);
  assert.ok(found[0].startsWith('-----BEGIN OPENSSH PRIVATE KEY-----'));
  assert.ok(found[0].length >= truncated.trimEnd().length);
  assert.ok(!found[0].includes('prose'));
});

test('private-key: two blocks are two findings', () => {
  const a = pem('RSA PRIVATE KEY');
  const b = pem('EC PRIVATE KEY');
  assert.deepEqual(findWith(privateKey, `${a}\n\n${b}`), [a, b]);
});

test('private-key: public keys, certificates and prose are not reported', () => {
  for (const text of [pem('PUBLIC KEY'), pem('CERTIFICATE'), pem('RSA PUBLIC KEY'), 'BEGIN PRIVATE KEY without dashes', '-----BEGIN PRIVATE KEY']) {
    assert.deepEqual(findWith(privateKey, text), [], text);
  }
});
