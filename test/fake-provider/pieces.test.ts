// How reply content is cut into stream deltas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { StreamCut, chunks, cutAfter, deltas } from './pieces.js';

const base = { chunk: 4, endless: false, repeatable: true };

describe('fake provider: deltas', () => {
  it('cuts content into chunk-sized pieces without splitting surrogate pairs', () => {
    assert.deepEqual(chunks('echo: hi', 4), ['echo', ': hi']);
    assert.deepEqual(chunks('a😀b', 2), ['a😀', 'b']);
    assert.deepEqual(chunks('', 4), ['']);
  });

  it('never loses or reorders content', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 9 }), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), (text, chunk, events) => {
      const out = [...deltas(text, { ...base, chunk, events, repeatable: false })];
      assert.equal(out.join(''), text);
    }));
  });

  it('gives exactly `events` deltas, repeating text but never JSON arguments', () => {
    assert.deepEqual([...deltas('abcdef', { ...base, chunk: 2, events: 2 })], ['abc', 'def']);
    assert.deepEqual([...deltas('abcdef', { ...base, chunk: 4, events: 3 })], ['abcd', 'ef', 'abcd']);
    assert.deepEqual([...deltas('{"a":1}', { ...base, chunk: 4, events: 4, repeatable: false })], ['{"a"', ':1}']);
  });

  it('repeats forever when endless, and puts a filler first', () => {
    const it = deltas('abc', { ...base, chunk: 2, endless: true, filler: 'XXXX' })[Symbol.iterator]();
    assert.deepEqual(Array.from({ length: 6 }, () => it.next().value), ['XXXX', 'ab', 'c', 'ab', 'c', 'ab']);
  });

  it('cutAfter passes n deltas on and throws instead of the next or the end', () => {
    const seen: string[] = [];
    assert.throws(() => {
      for (const d of cutAfter(['a', 'b', 'c'], 2)) seen.push(d);
    }, StreamCut);
    assert.deepEqual(seen, ['a', 'b']);
    assert.throws(() => [...cutAfter(['a'], 5)], StreamCut);
  });
});
