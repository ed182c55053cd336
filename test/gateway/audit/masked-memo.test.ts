import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MaskedTexts } from '../../../gateway/audit/masked-memo.js';
import { UNSCANNED, type Span } from '../../../gateway/audit/mask.js';

/** A scanner that flags one configurable word and counts its calls. */
function scanner(word: () => string) {
  const calls = { n: 0, fail: false };
  const scan = (text: string): Span[] => {
    calls.n++;
    if (calls.fail) throw new Error('scanner down');
    const at = text.indexOf(word());
    return at === -1 ? [] : [{ start: at, end: at + word().length, kind: 'TERM' }];
  };
  return { scan, calls };
}

describe('MaskedTexts', () => {
  it('masks paths and texts as maskPath/maskFlagged do, scanning a repeated text once', () => {
    const { scan, calls } = scanner(() => 'secret');
    const memo = new MaskedTexts(scan);
    assert.equal(memo.path('/v1/files/secret-1'), '/v1/files/[TERM]-1');
    const after = calls.n;
    assert.equal(memo.path('/v1/files/secret-1'), '/v1/files/[TERM]-1');
    assert.equal(calls.n, after, 'served from the memo');
    assert.equal(memo.text('model-secret'), 'model-[TERM]');
    assert.equal(memo.text('gpt-4o'), 'gpt-4o');
  });

  it('scans again after forget() (a new scan configuration)', () => {
    let word = 'alpha';
    const { scan } = scanner(() => word);
    const memo = new MaskedTexts(scan);
    assert.equal(memo.text('beta-model'), 'beta-model');
    word = 'beta';
    memo.forget();
    assert.equal(memo.text('beta-model'), '[TERM]-model');
  });

  it('never remembers a text it could not scan (fail closed, not forever)', () => {
    const { scan, calls } = scanner(() => 'secret');
    const memo = new MaskedTexts(scan);
    calls.fail = true;
    assert.equal(memo.text('gpt-4o'), UNSCANNED);
    calls.fail = false;
    assert.equal(memo.text('gpt-4o'), 'gpt-4o');
  });
});
