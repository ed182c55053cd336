// The labelled name corpus (test/gateway/names/corpus): precision and recall per kind, printed for CI,
// on the sentences the detector was tuned on and on the hold-out ones it was not; and no finding at
// all in 100 code snippets in five languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileScanner } from '../../../gateway/scan/index.js';
import { NAME_KINDS, loadCodeSnippets, loadSamples, score, type LabelledSpan, type KindScore, type NameKind } from './corpus.js';

// Through the compiled scanner, every other detector on too, each text scanned as prose.
const scanner = compileScanner({ enabled: [...NAME_KINDS] });
const detect = (text: string): LabelledSpan[] =>
  scanner.scan(text, true).flatMap((f) => (f.category === 'name' ? [{ start: f.start, end: f.end, kind: f.detector as NameKind }] : []));

function report(title: string, r: Record<NameKind, KindScore>): void {
  for (const k of NAME_KINDS) {
    const s = r[k];
    console.log(`${title} ${k.padEnd(12)} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`);
  }
}

test('corpus: at least 300 labelled sentences, with every kind labelled', () => {
  const all = [...loadSamples('tune.txt'), ...loadSamples('holdout.txt')];
  assert.ok(all.length >= 300, `${all.length} sentences`);
  for (const k of NAME_KINDS) assert.ok(all.some((s) => s.labels.some((l) => l.kind === k)), k);
});

for (const file of ['tune.txt', 'holdout.txt', 'all'] as const) {
  test(`corpus ${file}: person precision ≥ 0.95 and recall ≥ 0.85, location and organization precision ≥ 0.9`, () => {
    const samples = file === 'all' ? [...loadSamples('tune.txt'), ...loadSamples('holdout.txt')] : loadSamples(file);
    const r = score(samples, detect);
    report(file, r);
    assert.ok(r.person.precision >= 0.95, `person precision ${r.person.precision}`);
    assert.ok(r.person.recall >= 0.85, `person recall ${r.person.recall}`);
    assert.ok(r.location.precision >= 0.9, `location precision ${r.location.precision}`);
    assert.ok(r.organization.precision >= 0.9, `organization precision ${r.organization.precision}`);
  });
}

test('code snippets: 100 in five languages, not one name finding', () => {
  const snippets = loadCodeSnippets();
  assert.equal(snippets.length, 100);
  assert.equal(new Set(snippets.map((s) => s.language)).size, 5);
  const hits = snippets.flatMap((s) => detect(s.text).map((f) => `${s.language}: ${s.text.slice(f.start, f.end)}`));
  assert.deepEqual(hits, []);
});
