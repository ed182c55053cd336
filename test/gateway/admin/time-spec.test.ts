import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimeSpec } from '../../../gateway/admin/time-spec.js';

describe('parseTimeSpec', () => {
  const now = Date.parse('2026-11-02T12:00:00Z');

  it('reads epoch ms, ISO 8601 dates and date-times, and spans before now', () => {
    assert.equal(parseTimeSpec('1780000000000', now), 1780000000000);
    assert.equal(parseTimeSpec('0', now), 0);
    assert.equal(parseTimeSpec('2026-11-01T00:00:00Z', now), Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(parseTimeSpec('2026-11-01T00:00:00.250+02:00', now), Date.parse('2026-10-31T22:00:00.250Z'));
    assert.equal(parseTimeSpec('2026-11-01', now), Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(parseTimeSpec('2028-02-29', now), Date.parse('2028-02-29T00:00:00Z'));
    assert.equal(parseTimeSpec('90s', now), now - 90_000);
    assert.equal(parseTimeSpec('15m', now), now - 900_000);
    assert.equal(parseTimeSpec('24h', now), now - 86_400_000);
    assert.equal(parseTimeSpec('7d', now), now - 7 * 86_400_000);
    assert.equal(parseTimeSpec('2w', now), now - 14 * 86_400_000);
  });

  it('refuses anything else instead of guessing', () => {
    for (const text of ['', 'yesterday', '24 h', '-5', '1.5h', 'March 7', '2026-13-01', '2026-02-29', '2026-04-31', '2026-00-10', '2026-11-01T25:00:00Z', '1e3', '2026-11-01T00:00:00Zjunk', '0x10']) {
      assert.equal(parseTimeSpec(text, now), undefined, JSON.stringify(text));
    }
  });
});
