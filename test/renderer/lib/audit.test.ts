import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/admin/contract.js';
import { append, findingsOf, matches, NO_FILTERS, prepend, toQuery, unredacted } from '../../../renderer/lib/audit.js';

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
    assert.ok(matches(e, { ...NO_FILTERS, client: 'claude' }), 'client is a case-insensitive substring');
    assert.ok(matches(e, { ...NO_FILTERS, client: 'KEY_' }));
    assert.ok(!matches(e, { ...NO_FILTERS, client: 'cursor' }));
    assert.ok(matches(e, { ...NO_FILTERS, category: 'secret', decision: 'redacted', provider: 'anthropic' }));
    assert.ok(!matches(e, { ...NO_FILTERS, category: 'custom' }));
    assert.ok(!matches(e, { ...NO_FILTERS, decision: 'blocked' }));
    assert.ok(!matches(e, { ...NO_FILTERS, provider: 'openai' }));
    assert.ok(matches(e, { ...NO_FILTERS, status: '2xx' }));
    assert.ok(!matches(e, { ...NO_FILTERS, status: '5xx' }));
    assert.ok(!matches(e, { ...NO_FILTERS, error: 'any' }));
  });

  it('searches app, route, model, event and pnd_ ids and error codes, case-insensitively', () => {
    const e = event('01EVT', { model: 'claude-Sonnet-4', pendingId: 'pnd_AbC', errorCode: 'GW_ERR_CONFIRM_DENIED', status: 400 });
    for (const q of ['claude code', 'MESSAGES', 'sonnet', '01evt', 'pnd_abc', 'confirm_denied', 'anthropic', 'KEY_1']) assert.ok(matches(e, { ...NO_FILTERS, q }), q);
    assert.ok(!matches(e, { ...NO_FILTERS, q: 'pnd_x' }));
  });

  it('tells rate limits, failed auth and upstream errors apart', () => {
    const kinds: [Partial<AuditEvent>, string][] = [
      [{ status: 429, decision: 'blocked', errorCode: 'GW_ERR_RATE_LIMITED' }, 'rate_limited'],
      [{ status: 401, decision: 'blocked', errorCode: 'GW_ERR_AUTH_INVALID_KEY' }, 'auth_failed'],
      [{ status: 403, decision: 'forwarded' }, 'auth_failed'],
      [{ status: 502, decision: 'forwarded', errorCode: 'GW_ERR_UPSTREAM_UNREACHABLE' }, 'upstream_error'],
      [{ status: 503, decision: 'forwarded' }, 'upstream_error'],
      [{ status: 200, decision: 'forwarded', errorCode: 'GW_ERR_STREAM_TOO_LARGE' }, 'upstream_error'],
    ];
    for (const [over, kind] of kinds) {
      const e = event('x', over);
      assert.ok(matches(e, { ...NO_FILTERS, error: kind as 'any' }), kind);
      assert.ok(matches(e, { ...NO_FILTERS, error: 'any' }));
      for (const other of ['rate_limited', 'auth_failed', 'upstream_error'].filter((k) => k !== kind)) assert.ok(!matches(e, { ...NO_FILTERS, error: other as 'any' }));
    }
    assert.ok(!matches(event('y', { status: 500, errorCode: 'GW_ERR_SCAN_FAILED' }), { ...NO_FILTERS, error: 'upstream_error' }), 'the gateway\'s own 500');
  });

  it('builds the query with only the filters set, trimmed', () => {
    assert.deepEqual(toQuery(NO_FILTERS, 100), { limit: 100 });
    assert.deepEqual(toQuery({ ...NO_FILTERS, client: ' cursor ', decision: 'held', category: '', provider: 'openai' }, 50, 'c1'), {
      limit: 50, client: 'cursor', decision: 'held', provider: 'openai', cursor: 'c1',
    });
    assert.deepEqual(toQuery({ ...NO_FILTERS, q: ' pnd_1 ', status: '5xx', error: 'upstream_error' }, 10), { limit: 10, q: 'pnd_1', status: '5xx', error: 'upstream_error' });
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

  it('marks a forwarded exchange unredacted when it carried any scan-step finding, names included', () => {
    for (const category of ['pii', 'secret', 'custom', 'name']) assert.ok(unredacted(event('a', { decision: 'forwarded', findings: { [category]: 1 } })), category);
    for (const category of ['injection', 'response']) assert.ok(!unredacted(event('a', { decision: 'forwarded', findings: { [category]: 1 } })), category);
    assert.ok(!unredacted(event('a', { decision: 'redacted', findings: { name: 1 } })));
  });
});
