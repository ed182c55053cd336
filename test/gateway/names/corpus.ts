import { readFileSync } from 'node:fs';

export type NameKind = 'person' | 'location' | 'organization';
export const NAME_KINDS: readonly NameKind[] = ['person', 'location', 'organization'];

export interface LabelledSpan {
  start: number;
  end: number;
  kind: NameKind;
}

export interface Sample {
  text: string;
  labels: LabelledSpan[];
}

const KIND_OF: Record<string, NameKind> = { P: 'person', L: 'location', O: 'organization' };
const MARK = /\{([PLO])\|([^}]+)\}/g;
const dir = new URL('./corpus/', import.meta.url);

/** One sample per line: `{P|…}`, `{L|…}`, `{O|…}` mark the spans, `\n` is a line break, `#` lines are comments. */
export function loadSamples(file: 'tune.txt' | 'holdout.txt'): Sample[] {
  const samples: Sample[] = [];
  for (const raw of readFileSync(new URL(file, dir), 'utf8').split('\n')) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const line = raw.replaceAll('\\n', '\n').replaceAll('\\t', '\t');
    const labels: LabelledSpan[] = [];
    let text = '';
    let pos = 0;
    for (const m of line.matchAll(MARK)) {
      text += line.slice(pos, m.index);
      labels.push({ start: text.length, end: text.length + m[2]!.length, kind: KIND_OF[m[1]!]! });
      text += m[2]!;
      pos = m.index + m[0].length;
    }
    samples.push({ text: text + line.slice(pos), labels });
  }
  return samples;
}

/** The code snippets, keyed by language. */
export function loadCodeSnippets(): { language: string; text: string }[] {
  const out: { language: string; text: string }[] = [];
  let current: { language: string; lines: string[] } | undefined;
  for (const line of readFileSync(new URL('code.txt', dir), 'utf8').split('\n')) {
    if (line.startsWith('=== ')) {
      if (current) out.push({ language: current.language, text: current.lines.join('\n') });
      current = { language: line.slice(4).trim(), lines: [] };
    } else if (current) current.lines.push(line);
  }
  if (current) out.push({ language: current.language, text: current.lines.join('\n').trimEnd() });
  return out;
}

export interface KindScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** Exact-span scoring per kind: a finding counts only with the labelled start, end and kind. */
export function score(samples: readonly Sample[], detect: (text: string) => LabelledSpan[], onMiss?: (s: Sample, span: LabelledSpan, what: 'fp' | 'fn') => void): Record<NameKind, KindScore> {
  const counts = Object.fromEntries(NAME_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<NameKind, { tp: number; fp: number; fn: number }>;
  for (const s of samples) {
    const got = detect(s.text);
    const key = (x: LabelledSpan) => `${x.start}:${x.end}:${x.kind}`;
    const want = new Set(s.labels.map(key));
    const have = new Set(got.map(key));
    for (const g of got) {
      if (want.has(key(g))) counts[g.kind].tp++;
      else { counts[g.kind].fp++; onMiss?.(s, g, 'fp'); }
    }
    for (const l of s.labels) if (!have.has(key(l))) { counts[l.kind].fn++; onMiss?.(s, l, 'fn'); }
  }
  const out = {} as Record<NameKind, KindScore>;
  for (const k of NAME_KINDS) {
    const { tp, fp, fn } = counts[k];
    out[k] = { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
  }
  return out;
}
