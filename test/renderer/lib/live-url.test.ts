import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NO_FILTERS, type AuditFilters } from '../../../renderer/lib/audit.js';
import { filtersFromHash, liveHash } from '../../../renderer/lib/live-url.js';
import { parseRoute } from '../../../renderer/lib/route.js';

describe('Live filters in the URL', () => {
  it('round-trip any filters through the fragment, and the route stays Live', () => {
    const text = fc.string({ maxLength: 40 }).filter((s) => s.trim() !== '' || s === '');
    const filters = fc.record({
      q: text, client: text, category: text, provider: text,
      decision: fc.constantFrom('', 'forwarded', 'held', 'timed_out'),
      status: fc.constantFrom('', '2xx', '5xx'),
      error: fc.constantFrom('', 'any', 'upstream_error'),
    }) as fc.Arbitrary<AuditFilters>;
    fc.assert(fc.property(filters, (f) => {
      const hash = liveHash(f);
      assert.deepEqual(parseRoute(hash), { page: 'live', sub: undefined });
      const back = filtersFromHash(hash);
      for (const k of Object.keys(f) as (keyof AuditFilters)[]) assert.equal(back[k], f[k].trim() === '' ? '' : f[k], k);
    }));
  });

  it('an empty view is plain #/live; values the API refuses are dropped', () => {
    assert.equal(liveHash(NO_FILTERS), '#/live');
    assert.deepEqual(filtersFromHash('#/live?status=9xx&error=nope&decision=maybe&q=pnd_1'), { ...NO_FILTERS, q: 'pnd_1' });
    assert.deepEqual(filtersFromHash('#/live'), NO_FILTERS);
  });
});
