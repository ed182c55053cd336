import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/admin/contract.js';
import { append, findingsOf, matches, NO_FILTERS, prepend, toQuery } from '../../../renderer/lib/audit.js';

const event = (id: string, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id, time: 1, client: { app: 'Claude Code', keyId: 'key_1' }, provider: 'anthropic', route: '/v1/messages', stream: true, status: 200,
  durations: { totalMs: 10, upstreamMs: 8, overheadMs: 2 }, bytes: { in: 1, out: 2 }, usage: {}, findings: { pii: 2, secret: 1 }, decision: 'redacted',
  ...over,
});

describe('audit list helpers', () => {
  it('filter stream events as the server filters pages', () => {
    const e = event('a');
    assert.ok(matches(e, NO_FILTERS));
    assert.ok(matches(e, { ...NO_FILTERS, client: 'Claude Code' }));
    assert.ok(matches(e, { ...NO_FILTERS, client: 'key_1' }), 'client matches the key id too');
    assert.ok(!matches(e, { ...NO_FILTERS, client: 'Claude' }), 'client is exact');
    assert.ok(matches(e, { ...NO_FILTERS, category: 'secret', decision: 'redacted', provider: 'anthropic' }));
    assert.ok(!matches(e, { ...NO_FILTERS, category: 'custom' }));
    assert.ok(!matches(e, { ...NO_FILTERS, decision: 'blocked' }));
    assert.ok(!matches(e, { ...NO_FILTERS, provider: 'openai' }));
  });

  it('builds the query with only the filters set, trimmed', () => {
    assert.deepEqual(toQuery(NO_FILTERS, 100), { limit: 100 });
    assert.deepEqual(toQuery({ client: ' cursor ', decision: 'held', category: '', provider: 'openai' }, 50, 'c1'), {
      limit: 50, client: 'cursor', decision: 'held', provider: 'openai', cursor: 'c1',
    });
  });

  it('puts live events on top, newest first, each id once, within the cap', () => {
    const list = [event('c'), event('b')];
    const next = prepend(list, [event('d'), event('c'), event('e')], 10);
    assert.deepEqual(next.map((e) => e.id), ['e', 'd', 'c', 'b']);
    assert.deepEqual(prepend(next, [event('f')], 3).map((e) => e.id), ['f', 'e', 'd']);
    assert.equal(prepend(list, [], 10), list);
    assert.deepEqual(append(list, [event('b'), event('a')]).map((e) => e.id), ['c', 'b', 'a']);
  });

  it('lists findings by count, without zeros', () => {
    assert.deepEqual(findingsOf(event('x', { findings: { custom: 1, pii: 3, secret: 0, injection: 1 } })), [['pii', 3], ['custom', 1], ['injection', 1]]);
  });
});
