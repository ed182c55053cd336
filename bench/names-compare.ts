// `node --import tsx bench/names-compare.ts`: the name engines side by side on the labelled corpus
// (test/gateway/names/corpus) — compromise's tagger, wink-nlp with its lite English model, and the
// gateway's finder (compromise's lexicon + a linear matcher) — for precision, recall, speed and
// package size. wink's lite model has no person/place/organisation entities, so it is scored on its
// proper-noun runs as "a name of any kind". Figures go to docs/detectors.md.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import winkNLP, { type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { findNames } from '../gateway/scan/names/find.js';
import { nameLexicon } from '../gateway/scan/names/lexicon.js';
import { loadCodeSnippets, loadSamples, NAME_KINDS, score, type LabelledSpan, type NameKind, type Sample } from '../test/gateway/names/corpus.js';
import { namesProse } from './lib/names-payloads.js';
import { num, table } from './lib/stats.js';

interface CompromiseDoc {
  people(): CompromiseView;
  places(): CompromiseView;
  organizations(): CompromiseView;
}
interface CompromiseView {
  json(opts: { offset: true }): { text: string; offset: { start: number; length: number } }[];
}
const nlp = createRequire(import.meta.url)('compromise') as (text: string) => CompromiseDoc;
const wink = winkNLP(model);
const TRAILING = /(?:['’]s)?[\s.,;:!?)"'”’]*$/;

/** compromise's spans include trailing punctuation and possessives; the corpus labels do not. */
function compromiseNames(text: string): LabelledSpan[] {
  const doc = nlp(text);
  const out: LabelledSpan[] = [];
  const add = (view: CompromiseView, kind: NameKind) => {
    for (const m of view.json({ offset: true })) {
      const value = m.text.replace(TRAILING, '');
      out.push({ start: m.offset.start, end: m.offset.start + value.length, kind });
    }
  };
  add(doc.people(), 'person');
  add(doc.places(), 'location');
  add(doc.organizations(), 'organization');
  return out;
}

/** wink: runs of PROPN tokens, kind unknown (scored kind-blind as `person`). */
function winkNames(text: string): LabelledSpan[] {
  const doc = wink.readDoc(text);
  const its = wink.its;
  const out: LabelledSpan[] = [];
  let pos = 0;
  let run: LabelledSpan | undefined;
  doc.tokens().each((t: ItemToken) => {
    const value = t.out(its.value);
    const at = text.indexOf(value, pos);
    if (at >= 0) pos = at + value.length;
    if (t.out(its.pos) === 'PROPN' && at >= 0) {
      if (run && text.slice(run.end, at).trim() === '') run.end = at + value.length;
      else out.push((run = { start: at, end: at + value.length, kind: 'person' }));
    } else run = undefined;
  });
  return out;
}

const ours = (text: string) => findNames(text, nameLexicon());
const kindBlind = (spans: LabelledSpan[]): LabelledSpan[] => spans.map((s) => ({ ...s, kind: 'person' }));
const blindSamples = (samples: Sample[]): Sample[] => samples.map((s) => ({ text: s.text, labels: kindBlind(s.labels) }));

function msFor(fn: (t: string) => unknown, text: string, runs: number): number {
  fn(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(text);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[times.length >> 1]!;
}

function packageKb(...dirs: string[]): number {
  return dirs.reduce((n, d) => n + Number(execFileSync('du', ['-sk', `node_modules/${d}`], { encoding: 'utf8' }).split('\t')[0]), 0);
}

const samples = [...loadSamples('tune.txt'), ...loadSamples('holdout.txt')];
const code = loadCodeSnippets();
const engines = [
  { name: 'gateway finder (compromise lexicon)', detect: ours, size: packageKb('compromise') },
  { name: 'compromise 14.20 tagger', detect: compromiseNames, size: packageKb('compromise') },
  { name: 'wink-nlp 2.4 + eng-lite-web-model 1.8', detect: winkNames, size: packageKb('wink-nlp', 'wink-eng-lite-web-model') },
];
const prose16 = namesProse(16 * 1024);
const rows: string[][] = [];
for (const e of engines) {
  const r = score(samples, e.detect);
  const blind = score(blindSamples(samples), (t) => kindBlind(e.detect(t)));
  const codeHits = code.reduce((n, c) => n + e.detect(c.text).length, 0);
  const ms16 = msFor(e.detect, prose16, e.detect === ours ? 25 : 3);
  rows.push([
    e.name,
    ...NAME_KINDS.map((k) => (e.detect === winkNames ? '—' : `${num(r[k].precision, 2)} / ${num(r[k].recall, 2)}`)),
    `${num(blind.person.precision, 2)} / ${num(blind.person.recall, 2)}`,
    String(codeHits),
    `${num(ms16, 2)} ms`,
    `${num((ms16 * 16), 0)} ms`,
    `${num(e.size / 1024, 1)} MB`,
  ]);
}
console.log(`corpus: ${samples.length} sentences; ${code.length} code snippets; precision / recall (exact spans)\n`);
console.log(table(['engine', 'person', 'location', 'organization', 'any name, kind-blind', 'code findings', '16 KB prose p50', '≈ 256 KB', 'package on disk'], rows));
