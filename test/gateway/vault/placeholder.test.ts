import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CROCKFORD,
  encodeCode,
  escapeInput,
  findPlaceholders,
  isPlaceholder,
  mintPlaceholder,
  normalizeKind,
  placeholderKind,
  TOKEN_RE,
  unescapeOutput,
} from '../../../gateway/vault/placeholder.js';

const key = Buffer.from('0123456789abcdef0123456789abcdef');

test('minted placeholders have the documented shape and are deterministic', () => {
  const p = mintPlaceholder(key, 'client-a', 'EMAIL', 'alice@example.com');
  assert.match(p, /^\[\[EMAIL_[0-9A-HJKMNP-TV-Z]{8}\]\]$/);
  assert.ok(isPlaceholder(p));
  assert.equal(mintPlaceholder(key, 'client-a', 'EMAIL', 'alice@example.com'), p);
  assert.equal(placeholderKind(p), 'EMAIL');
  assert.equal(placeholderKind(mintPlaceholder(key, 's', 'AWS_KEY', 'AKIA')), 'AWS_KEY');
});

test('scope, kind, value, key and attempt all change the placeholder', () => {
  const base = mintPlaceholder(key, 'a', 'EMAIL', 'v');
  const others = [
    mintPlaceholder(key, 'b', 'EMAIL', 'v'),
    mintPlaceholder(key, 'a', 'PHONE', 'v').replace('PHONE', 'EMAIL'),
    mintPlaceholder(key, 'a', 'EMAIL', 'w'),
    mintPlaceholder(Buffer.from('another key'), 'a', 'EMAIL', 'v'),
    mintPlaceholder(key, 'a', 'EMAIL', 'v', 1),
  ];
  for (const o of others) assert.notEqual(o, base);
  // The separator keeps (scope, kind) pairs apart: "ab"+"C" is not "a"+"BC".
  assert.notEqual(mintPlaceholder(key, 'ab', 'C', 'v'), mintPlaceholder(key, 'a', 'BC', 'v').replace('BC', 'C'));
});

test('codes are 40 bits in Crockford base32', () => {
  assert.equal(encodeCode(Buffer.alloc(5)), '00000000');
  assert.equal(encodeCode(Buffer.alloc(5, 0xff)), 'ZZZZZZZZ');
  assert.equal(encodeCode(Buffer.from([0, 0, 0, 0, 33])), '00000011');
  assert.equal(encodeCode(Buffer.from([0x84, 0x21, 0x08, 0x42, 0x10])), 'GGGGGGGG');
  assert.equal(CROCKFORD.length, 32);
});

test('kinds are normalised onto [A-Z][A-Z0-9_]{0,31}', () => {
  assert.equal(normalizeKind('email'), 'EMAIL');
  assert.equal(normalizeKind('aws-key'), 'AWS_KEY');
  assert.equal(normalizeKind('9LIVES'), 'X9LIVES');
  assert.equal(normalizeKind(''), 'REDACTED');
  assert.equal(normalizeKind('Ä'), 'X_');
  assert.equal(normalizeKind('A'.repeat(40)).length, 32);
  fc.assert(
    fc.property(fc.string(), fc.string(), (kind, value) => isPlaceholder(mintPlaceholder(key, 's', kind, value))),
  );
});

test('isPlaceholder rejects near misses', () => {
  for (const s of [
    '[[email_ABCDEFGH]]',
    '[[EMAIL_ABCDEFG]]',
    '[[EMAIL_ABCDEFGHJ]]',
    '[[EMAIL_ABCDEFGI]]',
    '[[EMAIL_ABCDEFGL]]',
    '[[EMAIL_ABCDEFGO]]',
    '[[EMAIL_ABCDEFGU]]',
    '[[~EMAIL_ABCDEFGH]]',
    '[EMAIL_ABCDEFGH]',
    `[[${'A'.repeat(33)}_ABCDEFGH]]`,
    '[[_ABCDEFGH]]',
    ' [[EMAIL_ABCDEFGH]]',
  ]) {
    assert.equal(isPlaceholder(s), false, s);
  }
  assert.ok(isPlaceholder(`[[${'A'.repeat(32)}_ABCDEFGH]]`));
  assert.ok(isPlaceholder('[[PRIVATE_KEY_0123ABCD]]'));
});

const kindArb = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,31}$/);
const codeArb = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{8}$/);
/** Text rich in placeholder-shaped tokens, escaped ones and near misses. */
const inputText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('[', '[[', ']]', '~', '_', '[[~', 'A'),
      fc.tuple(fc.nat({ max: 15 }), kindArb, codeArb).map(([t, k, c]) => `[[${'~'.repeat(t)}${k}_${c}]]`),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

test('input escaping round-trips and leaves no token restoration would act on', () => {
  fc.assert(
    fc.property(inputText, (text) => {
      const escaped = escapeInput(text);
      assert.equal(unescapeOutput(escaped), text);
      assert.deepEqual(findPlaceholders(escaped), []);
      for (const m of escaped.matchAll(TOKEN_RE)) assert.notEqual(m[1], '');
    }),
    { numRuns: 2000 },
  );
});

test('escaping specifics', () => {
  assert.equal(escapeInput('see [[EMAIL_ABCDEFGH]] here'), 'see [[~EMAIL_ABCDEFGH]] here');
  assert.equal(escapeInput('[[~~EMAIL_ABCDEFGH]]'), '[[~~~EMAIL_ABCDEFGH]]');
  assert.equal(escapeInput('[[[EMAIL_ABCDEFGH]]'), '[[[~EMAIL_ABCDEFGH]]');
  const plain = 'no tokens [here] at [[all]]';
  assert.equal(escapeInput(plain), plain);
  assert.equal(unescapeOutput('[[~EMAIL_ABCDEFGH]]'), '[[EMAIL_ABCDEFGH]]');
  // Our own placeholders are not escape forms: unescape leaves them.
  assert.equal(unescapeOutput('[[EMAIL_ABCDEFGH]]'), '[[EMAIL_ABCDEFGH]]');
});

test('findPlaceholders lists distinct placeholders, not escaped tokens', () => {
  const t = 'a [[EMAIL_ABCDEFGH]] b [[~PHONE_ABCDEFGH]] [[EMAIL_ABCDEFGH]] [[AWS_KEY_0000ZZZZ]]';
  assert.deepEqual(findPlaceholders(t), ['[[EMAIL_ABCDEFGH]]', '[[AWS_KEY_0000ZZZZ]]']);
});
