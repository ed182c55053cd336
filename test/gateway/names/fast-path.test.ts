// The name finder's fast paths (issue 17's speed work: one character pass for code marks and code
// endings, ASCII words read without the WORD regex, prose lines shared by the finder and the linker)
// find exactly what the reference finder finds: the frozen pre-optimisation copy in ./reference,
// on the corpus and code snippets, and on random texts built from corpus words, names, code marks,
// apostrophes, accents, fences and odd spaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findNames } from '../../../gateway/scan/names/find.js';
import { nameLexicon } from '../../../gateway/scan/names/lexicon.js';
import { linkNames } from '../../../gateway/scan/names/link.js';
import { forgetProseLines, isProseLine } from '../../../gateway/scan/names/prose.js';
import type { Finding } from '../../../gateway/scan/types.js';
import { loadCodeSnippets, loadSamples } from './corpus.js';
import { findNames as referenceFindNames } from './reference/find.js';
import { linkNames as referenceLinkNames } from './reference/link.js';
import { isProseLine as referenceIsProseLine } from './reference/prose.js';

const lex = nameLexicon();
const sentences = [...loadSamples('tune.txt'), ...loadSamples('holdout.txt')].map((s) => s.text);
const snippets = loadCodeSnippets().map((s) => s.text);

/** Chunks as the corpus has them, and the shapes the fast paths must hand to the regex or reject. */
const corpusWords = [...new Set(sentences.flatMap((s) => s.split(/\s+/)).filter((w) => w !== ''))];
const tricky = [
  'Café', 'Łukasz', 'Zoë', "O'Brien", 'Jean-Luc', 'Jean-', 'McDonald', "McDonald's", 'Maria’s', "Maria's", "Maria's,", 'Maria’s)', "Maria'", 'IBM', 'NASA,',
  'A', 'I', 'X.', '(Maria', '“Anna”', '‘Anna’', '[Anna]', '"Anna",', 'Anna!?', 'Anna:', 'Anna;', 'Anna..', 'Anna1', 'Anna_b', 'AnnaB', 'ANNa', 'Ann-a',
  'Dr.', 'Ms.', 'Mr', 'Hi', 'hi', 'thanks', 'by', 'from', 'of', 'and', 'Bank', 'of', 'University', 'Corp', 'Ltd.', 'New', 'York', 'York,',
  'foo(bar', 'a[i]', '=', '==', '=>', '->', '::', '&&', '||', '()', ').', '{', '}', "',", '(x)', 'f(x)', 'x;', 'y:', ') :', ',)', ', )',
  'fix(auth):', 'feat:', 'chore(deps)!:', '//', '#', '*', 'at', 'File', '"a"', '$', '>>>', 'import', 'SELECT', 'const', 'run(',
  '```', '~~~', '```ts', '-', '—', '1.', '2)', 'Kowalczyk', 'Kowalczyk’s', 'Okafor', 'Berlin', 'Toronto', 'Monday', 'May',
];
const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\n', '\n    ', '\n\t', '\u00a0', '\u2003', '\r\n', '\n\n'];
const chunk = fc.oneof(fc.constantFrom(...corpusWords), fc.constantFrom(...tricky));
const text = fc.array(fc.tuple(chunk, fc.constantFrom(...spaces)), { maxLength: 60 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
/** Lines of characters the prose test reads one by one. */
const line = fc.string({ unit: fc.constantFrom(...'aZ _(){}[];:=>-&|.,\'"!?/#*$`~\t\u00a0\u2003\u3000xyQ19'.split('')), maxLength: 24 });

function namesBoth(t: string): void {
  forgetProseLines();
  assert.deepEqual(findNames(t, lex), referenceFindNames(t, lex), JSON.stringify(t));
}

test('prose test: the one-pass code-mark and code-ending checks decide every line as the regexes did', () => {
  fc.assert(
    fc.property(line, (l) => {
      assert.equal(isProseLine(l), referenceIsProseLine(l), JSON.stringify(l));
    }),
    { numRuns: 20_000 },
  );
  for (const l of [...sentences, ...snippets].flatMap((s) => s.split('\n'))) assert.equal(isProseLine(l), referenceIsProseLine(l), l);
});

test('finder: identical spans on every corpus sentence, every code snippet, and the whole corpus as one text', () => {
  for (const s of [...sentences, ...snippets]) namesBoth(s);
  namesBoth(sentences.join('\n'));
  namesBoth(snippets.join('\n\n'));
});

test('finder: identical spans on random texts of corpus words, names and code marks', () => {
  fc.assert(fc.property(text, namesBoth), { numRuns: 3_000 });
});

/** Person findings as the scanner reports them, for the linker. */
function personFindings(t: string): Finding[] {
  forgetProseLines();
  return findNames(t, lex).filter((n) => n.kind === 'person').map((n) => ({ detector: 'person', category: 'name', kind: 'PERSON', start: n.start, end: n.end }));
}

test('linker: identical links with the prose lines shared from the finder', () => {
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (texts, prose) => {
      const ours = texts.map(personFindings);
      const theirs = structuredClone(ours);
      // The finder ran last on the last text, so the linker reuses its lines there and lists the others itself.
      linkNames(texts, ours, prose);
      referenceLinkNames(texts, theirs, prose);
      assert.deepEqual(ours, theirs);
    }),
    { numRuns: 1_000 },
  );
  const all = [sentences.join('\n'), snippets.join('\n')];
  const ours = all.map(personFindings);
  const theirs = structuredClone(ours);
  linkNames(all, ours, [true, true]);
  referenceLinkNames(all, theirs, [true, true]);
  assert.deepEqual(ours, theirs);
});
