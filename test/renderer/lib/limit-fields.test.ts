import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { resolveConfig } from '../../../gateway/config/load.js';
import { ConfigSchema } from '../../../gateway/config/schema.js';
import { getPath, LIMIT_FIELDS, parseLimit, setPath, unitHint } from '../../../renderer/lib/limit-fields.js';

const field = (path: string) => LIMIT_FIELDS.find((f) => f.path === path)!;

test('limit form: units resolve to the field unit, ranges are stated in units', () => {
  assert.deepEqual(parseLimit(field('limits.bodyBytes'), '32MB'), { value: 32_000_000 });
  assert.deepEqual(parseLimit(field('limits.bodyBytes'), '512KiB'), { value: 524_288 });
  assert.deepEqual(parseLimit(field('limits.streamDurationMs'), '30s'), { value: 30_000 });
  assert.deepEqual(parseLimit(field('confirm.timeoutSec'), '2m'), { value: 120 });
  assert.deepEqual(parseLimit(field('limits.jsonDepth'), '64'), { value: 64 });
  assert.match((parseLimit(field('limits.bodyBytes'), '2GiB') as { error: string }).error, /Between 1 KiB and 1 GiB/);
  assert.match((parseLimit(field('limits.streamDurationMs'), '250ms') as { error: string }).error, /Between 1 s and 24 h/);
  assert.match((parseLimit(field('limits.bodyBytes'), '32XB') as { error: string }).error, /unknown unit "XB"/);
  assert.match((parseLimit(field('limits.jsonDepth'), '64k') as { error: string }).error, /whole number/);
  assert.equal(unitHint(field('limits.bodyBytes'), '33554432'), '= 32 MiB');
  assert.equal(unitHint(field('limits.bodyBytes'), 'nonsense'), '');
});

test('limit form: every range is the config schema\'s, so the form and the gateway refuse the same values', () => {
  for (const f of LIMIT_FIELDS) {
    const [section, key] = f.path.split('.') as [keyof typeof ConfigSchema.properties, string];
    const schema: Readonly<Record<string, TSchema>> = ConfigSchema.properties[section].properties;
    assert.deepEqual([f.min, f.max], [schema[key]?.minimum, schema[key]?.maximum], f.path);
    assert.throws(() => resolveConfig(setPath({}, f.path, f.max + 1)), /invalid config field/, `${f.path} above its max`);
    assert.equal(getPath(resolveConfig(setPath({}, f.path, f.max)), f.path), f.max);
  }
  assert.deepEqual(LIMIT_FIELDS.find((f) => f.path === 'confirm.timeoutSec'), { path: 'confirm.timeoutSec', label: 'Wait for a decision', min: 5, max: 86_400, unit: 's' });
});
