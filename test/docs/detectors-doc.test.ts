// docs/detectors.md lists every built-in detector, and nothing that is not one: the tables are
// written by hand (they say what each detector deliberately does not catch), so this keeps them
// in step with BUILTIN_DETECTORS, the one list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_DETECTORS } from '../../gateway/scan/index.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/detectors.md'), 'utf8');

test('docs/detectors.md has a table row for every built-in detector, and none for anything else', () => {
  const rows = new Set([...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!));
  const ids = BUILTIN_DETECTORS.map((d) => d.id);
  assert.deepEqual(ids.filter((id) => !rows.has(id)), [], 'detectors missing from the docs');
  assert.deepEqual([...rows].filter((id) => !ids.includes(id) && !['ip', 'disabled', 'enabled', 'namesAllowlist', 'denyTerms', 'allowlist', 'maxScanChars', 'normalize'].includes(id)), [], 'rows naming no detector');
});
