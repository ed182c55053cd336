// The docs' tables of presets, finding categories, field kinds and provider kinds are written by hand
// (they explain each value); this keeps each equal to its one list in gateway/shared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIELD_KINDS, FINDING_CATEGORIES } from '../../gateway/shared/finding-lists.js';
import { DEFAULT_PRESET, PRESET_NAMES } from '../../gateway/shared/presets.js';
import { PROVIDER_KINDS } from '../../gateway/shared/shape.js';

const read = (file: string) => readFileSync(join(import.meta.dirname, '../..', file), 'utf8');
const README = read('README.md');
const POLICY = read('docs/policy.md');
const ADMIN_API = read('docs/admin-api.md');

/** The lines of the markdown section under `heading`, up to the next heading. */
function section(doc: string, heading: string): string[] {
  const lines = doc.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no section ${heading}`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The cells of a table row. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
/** The plain words in backticks, in order (`{ preset }` and `null` are not list values). */
const ticked = (text: string) => [...text.matchAll(/`([a-z][a-z_-]*)`/g)].map((m) => m[1]!).filter((w) => w !== 'null');
/** The README's configuration row for `field`: its description cell. */
const configRow = (field: string) => {
  const row = README.split('\n').find((l) => l.startsWith(`| \`${field}\` |`));
  assert.ok(row, `README has no row for ${field}`);
  return cells(row)[2]!;
};

test('docs/policy.md: the findings table names every category once', () => {
  const rows = section(POLICY, '## Findings').filter((l) => l.startsWith('| `'));
  const named = rows.flatMap((r) => ticked(cells(r)[0]!));
  assert.deepEqual([...named].sort(), [...FINDING_CATEGORIES].sort());
  const kinds = section(POLICY, '## Findings').join('\n').match(/`fieldKind` is one of\s+`([^`]+)`/);
  assert.deepEqual(kinds?.[1]?.split(' | '), [...FIELD_KINDS]);
});

test('docs/policy.md: the presets table has a column per preset, in order, and marks the default', () => {
  const header = section(POLICY, '### Presets').find((l) => l.startsWith('| finding |'));
  assert.ok(header);
  const columns = cells(header).slice(1);
  assert.deepEqual(columns.map((c) => c.replace(' (default)', '')), [...PRESET_NAMES]);
  assert.deepEqual(columns.filter((c) => c.endsWith(' (default)')), [`${DEFAULT_PRESET} (default)`]);
});

test('README and docs/admin-api.md: the preset and provider-kind rows list every value, in order', () => {
  assert.deepEqual(ticked(configRow('policy.preset')), [...PRESET_NAMES]);
  assert.deepEqual(ticked(configRow('providers.openai.kind')), [...PROVIDER_KINDS]);
  const keyRow = ADMIN_API.split('\n').find((l) => l.startsWith('| `PATCH /admin/keys/:id` |'));
  assert.ok(keyRow);
  assert.deepEqual(ticked(cells(keyRow)[1]!), [...PRESET_NAMES]);
});
