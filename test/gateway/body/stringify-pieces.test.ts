// A large changed body is serialised in pieces (gateway/body/stringify-pieces.ts): the pieces must
// be exactly the bytes of JSON.stringify, for any JSON value and any cut, with long strings holding
// surrogate pairs, lone surrogates, escapes and text that looks like the skeleton's markers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bodyLength, stringifyInPieces, wholeBody } from '../../../gateway/body/stringify-pieces.js';
import { Slicer } from '../../../gateway/slicer.js';

/** Text that stresses JSON escaping and UTF-8 encoding wherever a piece is cut. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\ud83d\ude00', '\ud83d', '\ude00', 'é', '日', '"', '\\', '\n', '\u0000', '\u2028', '\u2063', 'aegis-', '"\u2063aegis-0'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});
/** JSON values whose strings are often long enough (for the small test threshold) to be pieced. */
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tricky,
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const stringified = async (value: unknown, longString: number, pieceChars: number) =>
  Buffer.concat(await stringifyInPieces(value, new Slicer(), longString, pieceChars));

describe('serialising a changed body in pieces', () => {
  it('gives the bytes of JSON.stringify for any value, long-string threshold and piece size', async () => {
    await fc.assert(
      fc.asyncProperty(values, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), async (value, longString, pieceChars) => {
        const expected = Buffer.from(JSON.stringify(value));
        assert.deepEqual(await stringified(value, longString, pieceChars), expected);
      }),
      { numRuns: 800 },
    );
  });

  it('writes a long string in pieces no longer than asked, and the rest of the body apart', async () => {
    const text = 'log line é \ud83d\ude00 "quoted"\n'.repeat(5000);
    const value = { model: 'm', messages: [{ role: 'user', content: text }, { role: 'user', content: 'short' }] };
    const pieces = await stringifyInPieces(value, new Slicer(), 1024, 1024);
    assert.ok(pieces.length > text.length / 1024, `${pieces.length} pieces`);
    for (const p of pieces) assert.ok(p.length <= 1024 * 6, `a piece of ${p.length} bytes`);
    assert.deepEqual(wholeBody(pieces), Buffer.from(JSON.stringify(value)));
    assert.equal(bodyLength(pieces), Buffer.byteLength(JSON.stringify(value)));
  });

  it('gives nothing for what JSON.stringify gives no text for, and one piece when no string is long', async () => {
    assert.deepEqual(await stringifyInPieces(undefined), []);
    const small = { a: [1, 'two', null], b: { c: true } };
    const pieces = await stringifyInPieces(small);
    assert.equal(pieces.length, 1);
    assert.equal(pieces[0]!.toString(), JSON.stringify(small));
  });
});
