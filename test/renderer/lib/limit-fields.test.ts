import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIMIT_FIELDS, parseLimit, unitHint } from '../../../renderer/lib/limit-fields.js';

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
