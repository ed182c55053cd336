// The iterative byte pass that bounds JSON depth and string length before anything parses or walks
// the body: for any JSON text it agrees with the true depth and the longest encoded string.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkJsonLimits } from '../../../gateway/body/json-limits.js';
import { isGatewayError } from '../../../gateway/errors.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// Strings full of what could fool a byte scanner: quotes, backslashes, brackets, control and
// multi-byte characters (escaped by JSON.stringify or kept raw as UTF-8).
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ':', ',', 'a', ' ', '\n', '\u0000', '\u2028', 'é', '€', '😀'), maxLength: 12 });
const { doc: jsonArb } = fc.letrec<{ doc: Json; value: Json }>((tie) => ({
  // Documents are containers, as request bodies are; values below them lean to nesting.
  doc: fc.oneof(fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(tricky, tie('value'), { maxKeys: 5 })),
  value: fc.oneof(
    { depthSize: 'medium', maxDepth: 12, withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    tricky,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
}));

function depthOf(v: Json): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

/** Longest string (keys included) as it appears between its quotes, in bytes. */
function longestEncoded(v: Json): number {
  const enc = (s: string) => Buffer.byteLength(JSON.stringify(s)) - 2;
  if (typeof v === 'string') return enc(v);
  if (Array.isArray(v)) return Math.max(0, ...v.map(longestEncoded));
  if (v !== null && typeof v === 'object') return Math.max(0, ...Object.entries(v).map(([k, x]) => Math.max(enc(k), longestEncoded(x))));
  return 0;
}

const UNLIMITED = 1 << 30;
const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(isGatewayError(err), String(err));
    return err.code;
  }
};
const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('checkJsonLimits', () => {
  it('property: the byte pass finds exactly the true depth, whatever the strings and layout', () => {
    fc.assert(
      fc.property(jsonArb, fc.constantFrom<string | number | undefined>(undefined, 0, 2, '\t', ' \r\n'), (v, indent) => {
        const text = JSON.stringify(v, null, indent as string | number | undefined);
        const d = depthOf(v);
        assert.equal(code(() => checkJsonLimits(bytes(text), { depth: d, stringBytes: UNLIMITED })), undefined);
        if (d > 0) assert.equal(code(() => checkJsonLimits(bytes(text), { depth: d - 1, stringBytes: UNLIMITED })), 'GW_ERR_BODY_TOO_DEEP');
      }),
      { numRuns: 500 },
    );
  });

  it('property: the longest string is measured in encoded bytes, escapes and keys included', () => {
    fc.assert(
      fc.property(jsonArb, (v) => {
        const text = JSON.stringify(v);
        const longest = longestEncoded(v);
        assert.equal(code(() => checkJsonLimits(bytes(text), { depth: UNLIMITED, stringBytes: longest })), undefined);
        if (longest > 0) {
          assert.equal(code(() => checkJsonLimits(bytes(text), { depth: UNLIMITED, stringBytes: longest - 1 })), 'GW_ERR_BODY_STRING_TOO_LONG');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('handles 100,000 levels without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.equal(code(() => checkJsonLimits(bytes(deep), { depth: 64, stringBytes: UNLIMITED })), 'GW_ERR_BODY_TOO_DEEP');
    assert.equal(code(() => checkJsonLimits(bytes(deep), { depth: 100_000, stringBytes: UNLIMITED })), undefined);
  });

  it('brackets and quotes inside strings are not structure', () => {
    const limits = { depth: 2, stringBytes: UNLIMITED };
    assert.equal(code(() => checkJsonLimits(bytes('{"a":"[[[[{{{{"}'), limits)), undefined);
    assert.equal(code(() => checkJsonLimits(bytes('["\\"[[[[",1]'), limits)), undefined);
    // An escaped backslash ends right before the closing quote: what follows is structure again.
    assert.equal(code(() => checkJsonLimits(bytes('["\\\\",[[1]]]'), limits)), 'GW_ERR_BODY_TOO_DEEP');
    assert.equal(code(() => checkJsonLimits(bytes('["\\\\",[1]]'), limits)), undefined);
  });

  it('counts a string\'s bytes, not its characters', () => {
    const text = JSON.stringify({ k: 'é€😀' }); // 2 + 3 + 4 bytes
    assert.equal(code(() => checkJsonLimits(bytes(text), { depth: 8, stringBytes: 9 })), undefined);
    assert.equal(code(() => checkJsonLimits(bytes(text), { depth: 8, stringBytes: 8 })), 'GW_ERR_BODY_STRING_TOO_LONG');
  });

  it('an over-long key is refused like a value', () => {
    const text = JSON.stringify({ ['k'.repeat(50)]: 1 });
    assert.equal(code(() => checkJsonLimits(bytes(text), { depth: 8, stringBytes: 49 })), 'GW_ERR_BODY_STRING_TOO_LONG');
  });

  it('the errors carry 400 and name the limit', () => {
    try {
      checkJsonLimits(bytes('[[1]]'), { depth: 1, stringBytes: 10 });
      assert.fail('expected a throw');
    } catch (err) {
      assert.ok(isGatewayError(err));
      assert.equal(err.status, 400);
      assert.match(err.message, /\b1\b/);
    }
  });
});
