import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { restoreText } from '../../../../gateway/response/restore/restore-text.js';
import { heldFrom, isTokenPrefix, TextRestorer } from '../../../../gateway/response/restore/text-restorer.js';
import { ClientView, marked, plant, splitArb, upstreamText, VALUES } from './stream-fixtures.js';

const planted = plant();
const { session, placeholders } = planted;

test('any split restores to exactly the one-shot result, never showing a partial token', () => {
  const arb = upstreamText(planted).chain((text) => fc.tuple(fc.constant(text), splitArb(text)));
  fc.assert(
    fc.property(arb, ([text, pieces]) => {
      const want = restoreText(text, session.lookup);
      const view = new ClientView(new Map([['t', want]]));
      const r = new TextRestorer(session.lookup);
      for (const piece of pieces) view.add('t', r.push(piece));
      view.add('t', r.flush());
      assert.equal(view.final('t'), want);
      assert.equal(r.holding, false);
    }),
    { numRuns: 3000 },
  );
});

test('restored values are the originals; foreign tokens and escapes behave', () => {
  const text = `to ${placeholders.EMAIL} key ${placeholders.PRIVATE_KEY} [[~EMAIL_ABCDEFGH]] ${planted.foreign}`;
  const out = restoreText(text, session.lookup);
  assert.equal(out, `to ${VALUES.EMAIL} key ${VALUES.PRIVATE_KEY} [[EMAIL_ABCDEFGH]] ${marked(planted.foreign)}`);
  // A value that looks like a token is not restored a second time.
  assert.equal(restoreText(placeholders.GITHUB_TOKEN!, session.lookup), VALUES.GITHUB_TOKEN);
});

test('text that cannot start a token is never delayed', () => {
  const r = new TextRestorer(session.lookup);
  assert.equal(r.push('H'), 'H');
  assert.equal(r.push('ello [x] [[lower]] ]] '), 'ello [x] [[lower]] ]] ');
  assert.equal(r.push('see ['), 'see ');
  assert.equal(r.push('['), '');
  assert.equal(r.push('EMAIL_'), '');
  assert.equal(r.push('x'), '[[EMAIL_x');
  assert.equal(r.holding, false);
});

test('only the minimal tail is held', () => {
  const cases: [string, number][] = [
    ['abc', 3],
    ['abc[', 3],
    ['abc[[', 3],
    ['[[[', 1],
    ['a[[~~~', 1],
    [`a[[${'~'.repeat(17)}`, 20],
    ['[[9', 3],
    ['[[EMAIL_ABCDEFGH', 0],
    ['[[EMAIL_ABCDEFGH]', 0],
    ['[[EMAIL_ABCDEFGI]', 17],
    ['[[EMAIL_ABCDEFG]', 16],
    ['[[EMAIL_ABCDEFGH]x', 18],
    [`[[${'A'.repeat(32)}`, 0],
    [`[[${'A'.repeat(33)}`, 35],
    [`[[${'A'.repeat(32)}_ABCD`, 0],
    [`[[${'A'.repeat(33)}_ABCD`, 40],
    ['[[AB_CDEFGHJK_MN', 0],
  ];
  for (const [s, cut] of cases) assert.equal(heldFrom(s), cut, s);
});

test('every proper prefix of a token is held, the full token is not', () => {
  for (const token of [...Object.values(placeholders), '[[~~EMAIL_ABCDEFGH]]', `[[${'~'.repeat(16)}${'Z'.repeat(32)}_ZZZZZZZZ]]`]) {
    for (let i = 1; i < token.length; i++) assert.ok(isTokenPrefix(token.slice(0, i), 0), token.slice(0, i));
    assert.equal(isTokenPrefix(token, 0), false);
  }
});

test('in JSON context restored values are JSON-string-escaped', () => {
  const args = JSON.stringify({ key: placeholders.PRIVATE_KEY, pw: `x${placeholders.PASSWORD}y`, tok: placeholders.GITHUB_TOKEN });
  fc.assert(
    fc.property(splitArb(args), (pieces) => {
      const r = new TextRestorer(session.lookup, true);
      const out = pieces.map((p) => r.push(p)).join('') + r.flush();
      assert.deepEqual(JSON.parse(out), { key: VALUES.PRIVATE_KEY, pw: `x${VALUES.PASSWORD}y`, tok: VALUES.GITHUB_TOKEN });
    }),
  );
});
