import { loadCodeSnippets, loadSamples } from '../../test/gateway/names/corpus.js';

/** Prose of `bytes` characters: the labelled corpus sentences, repeated, one per line. */
export function namesProse(bytes: number): string {
  const lines = [...loadSamples('tune.txt'), ...loadSamples('holdout.txt')].map((s) => s.text);
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += `${lines[i % lines.length]!}\n`;
  return out.slice(0, bytes);
}

/** Code of `bytes` characters: the corpus's code snippets, repeated, as pasted without fences. */
export function namesCode(bytes: number): string {
  const snippets = loadCodeSnippets().map((s) => s.text);
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += `${snippets[i % snippets.length]!}\n\n`;
  return out.slice(0, bytes);
}
