// The README's configuration table lists every field of the schema, with the schema's default.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { resolveConfig } from '../../../gateway/config/load.js';
import { VENDOR_ALLOWLIST } from '../../../gateway/config/vendor-allowlist.js';

const README = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** The README writes sizes as `32 MiB`/`1 GiB` where that reads better than the byte count. */
function shown(value: unknown): string[] {
  const plain = typeof value === 'string' ? [value, `\`${value}\``] : [String(value), `\`${JSON.stringify(value)}\``];
  // A long built-in list is named, and its module linked from the row, rather than spelled out.
  if (JSON.stringify(value) === JSON.stringify(VENDOR_ALLOWLIST)) plain.push('built-in list');
  if (typeof value === 'number' && value >= 1024 * 1024 && value % (1024 * 1024) === 0) {
    const mib = value / (1024 * 1024);
    plain.push(`${mib} MiB`, ...(mib % 1024 === 0 ? [`${mib / 1024} GiB`] : []));
  }
  return plain;
}

it('every config field is in the README table with its default', () => {
  const rows = new Map<string, string>();
  for (const m of README.matchAll(/^\| `([a-zA-Z.]+)` \| ([^|]+) \|/gm)) rows.set(m[1]!, m[2]!.trim());
  for (const [field, value] of leaves(resolveConfig())) {
    const row = rows.get(field);
    assert.ok(row !== undefined, `README lacks a row for ${field}`);
    assert.ok(shown(value).includes(row), `README says ${field} defaults to ${row}, the schema to ${JSON.stringify(value)}`);
  }
});
