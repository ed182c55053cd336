// Large responses are restored in pieces with turns of the event loop between them
// (gateway/response/restore/sliced.ts): the result must be restoreText's, wherever the pieces are cut.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { restoreText } from '../../../../gateway/response/restore/restore-text.js';
import { restorePiecesInSlices, restoreTextInSlices, safeCut } from '../../../../gateway/response/restore/sliced.js';
import { MAX_TOKEN_LENGTH } from '../../../../gateway/vault/placeholder.js';
import { Slicer } from '../../../../gateway/slicer.js';

const shown = new Map([['[[EMAIL_ABCDEFGH]]', 'a@b.io'], ['[[SECRET_0123456Z]]', 'k"\\ey'], ['[[IPV4_ZZZZZZZZ]]', '10.0.0.1']]);
const lookup = (p: string) => shown.get(p);

/** Text dense with tokens, near-tokens and bracket runs: live, unknown, escaped (`~`), broken. */
const fragment = fc.constantFrom(
  ...shown.keys(), '[[EMAIL_NOTSHOWN]]', '[[~EMAIL_ABCDEFGH]]', `[[${'~'.repeat(16)}${'K'.repeat(32)}_ABCDEFGH]]`,
  '[', '[[', '[[[', ']]', '~', 'EMAIL_ABCDEFGH', '_', 'x', ' ', '\n', '"', 'é', '\u{1F600}',
);
const texts = fc.array(fragment, { maxLength: 120 }).map((parts) => parts.join(''));
/** A text cut anywhere (a cut may fall inside a token, or between the two `[` that open one). */
const cutTexts = fc.tuple(texts, fc.array(fc.nat(), { maxLength: 10 })).map(([text, cuts]) => {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
});

describe('restoring a large response in slices', () => {
  it('gives restoreText\'s result for any cut size, in JSON and plain mode', async () => {
    await fc.assert(
      fc.asyncProperty(texts, fc.integer({ min: 1, max: 300 }), fc.boolean(), async (text, piece, json) => {
        const sliced = await restoreTextInSlices(text, lookup, json, new Slicer(), piece);
        assert.equal(sliced, restoreText(text, lookup, json));
      }),
      { numRuns: 400 },
    );
  });

  it('gives restoreText\'s result for text already in pieces, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(cutTexts, fc.integer({ min: 1, max: 300 }), fc.boolean(), async (pieces, piece, json) => {
        const out = await restorePiecesInSlices(pieces, lookup, json, new Slicer(), piece);
        const whole = restoreText(pieces.join(''), lookup, json);
        assert.equal(out.join(''), whole);
        if (whole === pieces.join('')) assert.equal(out, pieces, 'the same pieces when nothing changed');
      }),
      { numRuns: 600 },
    );
  });

  it('returns the same string when nothing changed', async () => {
    const text = 'plain [[ text ]] '.repeat(5000);
    assert.equal(await restoreTextInSlices(text, lookup, true, new Slicer(), 64), text);
  });

  it('cuts only where no token spans the cut', () => {
    fc.assert(
      fc.property(texts, fc.nat(), (text, at) => {
        const cut = safeCut(text, at % (text.length + 1));
        assert.ok(cut <= at % (text.length + 1) && cut > (at % (text.length + 1)) - MAX_TOKEN_LENGTH - 1);
        assert.equal(restoreText(text.slice(0, cut), lookup) + restoreText(text.slice(cut), lookup), restoreText(text, lookup));
      }),
    );
  });
});
