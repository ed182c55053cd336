// docs/translation.md shows the mapping tables; this keeps them equal to gateway/translate/tables.ts
// both ways, so the docs cannot drift from what the translators do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ANTHROPIC_ERROR_TYPE, FINISH_REASON, OPENAI_ERROR, STOP_REASON } from '../../../gateway/translate/tables.js';

const doc = readFileSync(new URL('../../../docs/translation.md', import.meta.url), 'utf8');

/** The rows of the table under `heading`: each cell's `code` spans (a cell without any is skipped). */
function rows(heading: string): string[][][] {
  const at = doc.indexOf(`#### ${heading}`);
  assert.notEqual(at, -1, `no "${heading}" table in docs/translation.md`);
  const lines = doc.slice(at).split('\n').slice(1);
  const table = lines.slice(lines.findIndex((l) => l.startsWith('|')));
  const body = table.slice(2, table.findIndex((l) => !l.startsWith('|')));
  return body.map((l) => l.split('|').slice(1, -1).map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)));
}

/** First column's keys → the other columns' first code span. */
function mapping(heading: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [keys, ...values] of rows(heading)) for (const k of keys!) out[k] = values.map((v) => v[0]!);
  return out;
}

describe('docs/translation.md tables match tables.ts', () => {
  it('finish_reason → stop_reason', () => {
    assert.deepEqual(mapping('`finish_reason` → `stop_reason`'), Object.fromEntries(Object.entries(STOP_REASON).map(([k, v]) => [k, [v]])));
  });
  it('stop_reason → finish_reason', () => {
    assert.deepEqual(mapping('`stop_reason` → `finish_reason`'), Object.fromEntries(Object.entries(FINISH_REASON).map(([k, v]) => [k, [v]])));
  });
  it('status → Anthropic error type', () => {
    assert.deepEqual(mapping('Status → Anthropic `error.type`'), Object.fromEntries(Object.entries(ANTHROPIC_ERROR_TYPE).map(([k, v]) => [k, [v]])));
  });
  it('Anthropic error type → OpenAI type and code', () => {
    assert.deepEqual(mapping('Anthropic `error.type` → OpenAI `type` and `code`'), Object.fromEntries(Object.entries(OPENAI_ERROR).map(([k, v]) => [k, [v.type, v.code ?? 'null']])));
  });
});
