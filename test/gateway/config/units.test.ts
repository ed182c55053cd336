import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ConfigError, resolveConfig } from '../../../gateway/config/load.js';
import { formatUnitValue, normalizeUnits, parseUnitValue, unitOfField } from '../../../gateway/config/units.js';

const ok = (text: string, kind: 'bytes' | 'ms' | 's') => {
  const r = parseUnitValue(text, kind);
  assert.ok('value' in r, `${text}: ${'error' in r ? r.error : ''}`);
  return r.value;
};

test('units: sizes with decimal and binary prefixes, durations to ms or s', () => {
  assert.equal(ok('32MB', 'bytes'), 32_000_000);
  assert.equal(ok('32MiB', 'bytes'), 32 * 1024 * 1024);
  assert.equal(ok('512KiB', 'bytes'), 512 * 1024);
  assert.equal(ok('1.5 MiB', 'bytes'), 1_572_864);
  assert.equal(ok('1gib', 'bytes'), 1024 ** 3);
  assert.equal(ok('4096', 'bytes'), 4096);
  assert.equal(ok('30s', 'ms'), 30_000);
  assert.equal(ok('250ms', 'ms'), 250);
  assert.equal(ok('2m', 'ms'), 120_000);
  assert.equal(ok('2min', 'ms'), 120_000);
  assert.equal(ok('1h', 'ms'), 3_600_000);
  assert.equal(ok('2m', 's'), 120);
  assert.equal(ok('90', 's'), 90);
});

test('units: bad units and fractions say what is accepted', () => {
  const err = (text: string, kind: 'bytes' | 'ms' | 's') => {
    const r = parseUnitValue(text, kind);
    assert.ok('error' in r, text);
    return r.error;
  };
  assert.match(err('32XB', 'bytes'), /unknown unit "XB".*KiB/);
  assert.match(err('30s', 'bytes'), /unknown unit "s"/);
  assert.match(err('32MB', 'ms'), /unknown unit "MB".*ms, s/);
  assert.match(err('250ms', 's'), /not a whole number of seconds/);
  assert.match(err('0.5B', 'bytes'), /whole number of bytes/);
  assert.match(err('-1', 'bytes'), /not a size/);
  assert.match(err('ten seconds', 'ms'), /not a duration/);
});

test('units: a field is counted in the unit its name ends with', () => {
  assert.equal(unitOfField('bodyBytes'), 'bytes');
  assert.equal(unitOfField('streamDurationMs'), 'ms');
  assert.equal(unitOfField('timeoutSec'), 's');
  assert.equal(unitOfField('messages'), undefined);
});

test('units: formatting and parsing round-trip every whole byte count and duration', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => assert.equal(ok(`${n}B`, 'bytes'), n)));
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('KiB', 'MiB', 'KB', 'MB'), (n, unit) => {
    const bytes = ok(`${n}${unit}`, 'bytes');
    assert.equal(bytes, n * { KiB: 1024, MiB: 1024 ** 2, KB: 1000, MB: 1e6 }[unit]);
  }));
  assert.equal(formatUnitValue(32 * 1024 * 1024, 'bytes'), '32 MiB');
  assert.equal(formatUnitValue(300, 's'), '5 min');
});

test('units: the config file may write them, and a bad one names the field path', () => {
  const config = resolveConfig({ limits: { bodyBytes: '8MiB', streamDurationMs: '30m' }, confirm: { timeoutSec: '2m' }, upstream: { connectTimeoutMs: '2.5s' } });
  assert.equal(config.limits.bodyBytes, 8 * 1024 * 1024);
  assert.equal(config.limits.streamDurationMs, 1_800_000);
  assert.equal(config.confirm.timeoutSec, 120);
  assert.equal(config.upstream.connectTimeoutMs, 2500);
  assert.throws(() => resolveConfig({ limits: { bodyBytes: '32XB' } }), (e: unknown) => e instanceof ConfigError && /'limits\.bodyBytes'.*unknown unit "XB"/.test(e.message));
  // Units do not lift the schema's ranges.
  assert.throws(() => resolveConfig({ limits: { bodyBytes: '2GiB' } }), /'limits\.bodyBytes'/);
  // Other string fields are left alone.
  assert.deepEqual(normalizeUnits({ host: '127.0.0.1', list: ['1MB'] }), { host: '127.0.0.1', list: ['1MB'] });
});
