import assert from 'node:assert/strict';
import { createHmac, createSecretKey } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalHead, signatureMatches, signRequest, splitTarget, type SignedParts } from '../../../gateway/body/signature.js';

const key = createSecretKey(Buffer.alloc(32, 9));

// Field values as HTTP can carry them: no CR/LF anywhere, the nonce and timestamp in their shapes.
const visible = (min: number, max: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max });
const nonceChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
const parts: fc.Arbitrary<SignedParts> = fc.record({
  timestamp: fc.integer({ min: 0, max: 99_999_999_999 }).map(String),
  nonce: fc.string({ unit: nonceChar, minLength: 8, maxLength: 128 }),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: visible(1, 40).map((s) => `/${s.replace(/\?/g, '')}`),
  query: visible(0, 40),
  contentType: visible(0, 40),
  body: fc.uint8Array({ maxLength: 200 }),
});
const FIELDS = ['timestamp', 'nonce', 'method', 'path', 'query', 'contentType', 'body'] as const;

describe('request signature', () => {
  it('is HMAC-SHA256 over ts\\nnonce\\nMETHOD\\npath\\nquery\\ncontent-type\\n\\nbody, lowercase hex', () => {
    const p: SignedParts = {
      timestamp: '1700000000', nonce: 'abcdefgh12', method: 'POST', path: '/v1/chat/completions', query: 'a=1',
      contentType: 'application/json', body: Buffer.from('{"x":1}'),
    };
    const expected = createHmac('sha256', Buffer.alloc(32, 9))
      .update('1700000000\nabcdefgh12\nPOST\n/v1/chat/completions\na=1\napplication/json\n\n{"x":1}')
      .digest('hex');
    assert.equal(signRequest(key, p), expected);
    assert.match(expected, /^[0-9a-f]{64}$/);
    assert.equal(canonicalHead(p), '1700000000\nabcdefgh12\nPOST\n/v1/chat/completions\na=1\napplication/json\n\n');
  });

  it('changes when any one covered field changes', () => {
    fc.assert(
      fc.property(parts, parts, fc.constantFrom(...FIELDS), (a, b, field) => {
        const changed = { ...a, [field]: b[field] } as SignedParts;
        const same = field === 'body' ? Buffer.from(a.body).equals(Buffer.from(b.body)) : a[field] === b[field];
        fc.pre(!same);
        assert.notEqual(signRequest(key, changed), signRequest(key, a));
        assert.equal(signatureMatches(key, changed, signRequest(key, a)), false);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches its own signature and no other key', () => {
    fc.assert(
      fc.property(parts, (p) => {
        assert.equal(signatureMatches(key, p, signRequest(key, p)), true);
        assert.equal(signatureMatches(createSecretKey(Buffer.alloc(32, 8)), p, signRequest(key, p)), false);
      }),
    );
  });

  it('splits the target into path and query without the ?', () => {
    assert.deepEqual(splitTarget('/v1/models'), { path: '/v1/models', query: '' });
    assert.deepEqual(splitTarget('/v1/models?'), { path: '/v1/models', query: '' });
    assert.deepEqual(splitTarget('/v1/x?a=1&b=%20?c'), { path: '/v1/x', query: 'a=1&b=%20?c' });
  });
});
