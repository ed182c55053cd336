import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { seedPhrase } from '../../../../gateway/scan/secrets/seed-phrase.js';
import { badChecksum, mnemonic } from '../../../helpers/wallet-values.js';
import { findWith } from '../fixtures.js';

const numbered = (phrase: string, sep = '\n') => phrase.split(' ').map((w, i) => `${i + 1}. ${w}`).join(sep);

test('seed-phrase: 12–24 word phrases, in prose, on one line per word, numbered, as a JSON array', () => {
  for (const [i, n] of ([12, 15, 18, 21, 24] as const).entries()) {
    const phrase = mnemonic(300 + i, n);
    assert.deepEqual(findWith(seedPhrase, `My recovery phrase: ${phrase}`), [phrase]);
    assert.deepEqual(findWith(seedPhrase, `${phrase}.`), [phrase]);
  }
  const p = mnemonic(310);
  assert.deepEqual(findWith(seedPhrase, `wallet backup\n${p.split(' ').join('\n')}\n-- end`), [p.split(' ').join('\n')]);
  assert.deepEqual(findWith(seedPhrase, numbered(p)), [numbered(p).slice(3)]);
  assert.deepEqual(findWith(seedPhrase, `words = ${JSON.stringify(p.split(' '))}`), [JSON.stringify(p.split(' ')).slice(2, -2)]);
  // Sampling must not skip a phrase wherever it sits in a long text.
  for (let pad = 0; pad < 50; pad += 7) {
    const text = `${'Lorem Ipsum, Dolor. '.repeat(pad)}${p}${' Sit Amet.'.repeat(pad)}`;
    assert.deepEqual(findWith(seedPhrase, text), [p], `pad ${pad}`);
  }
});

test('seed-phrase: a wrong checksum, too few words, the word list itself and prose about seeds are not findings', () => {
  const p = mnemonic(320);
  const negatives = [
    badChecksum(p),
    p.split(' ').slice(0, 11).join(' '),
    wordlist.slice(0, 12).join(' '),
    wordlist.slice(100, 400).join('\n'),
    'abandon '.repeat(11) + 'about',
    'Write your twelve seed words on paper, never type your recovery phrase into a website or share it with support.',
    p.toUpperCase(),
    p.split(' ').join('_'),
  ];
  for (const text of negatives) assert.deepEqual(findWith(seedPhrase, text), [], text.slice(0, 60));
});

test('seed-phrase: nothing carries over from one scan to the next', () => {
  const p = mnemonic(330);
  const first = `${'x'.repeat(40)} ${p}`;
  const second = `a aaaa aaaaaaaaaaa aaaaaaaaa aaaaaa aaaaaaaa ${p} a`;
  assert.deepEqual(findWith(seedPhrase, first), [p]);
  assert.deepEqual(findWith(seedPhrase, second), [p]);
});
