// The dashboard's in-memory logins: one-time tokens that work once and expire after 15 minutes,
// sessions that expire after 12 hours or on logout, and bounded maps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashboardSessions, LOGIN_TOKEN_TTL_MS, SESSION_TTL_MS } from '../../../gateway/admin/sessions.js';

function clocked(opts: ConstructorParameters<typeof DashboardSessions>[0] = {}) {
  const clock = { now: 1_000_000 };
  return { clock, sessions: new DashboardSessions({ now: () => clock.now, ...opts }) };
}

describe('DashboardSessions', () => {
  it('a login token works once, and only before it expires', () => {
    const { clock, sessions } = clocked();
    const a = sessions.mintLoginToken();
    const b = sessions.mintLoginToken();
    assert.match(a.value, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.value, b.value);
    assert.equal(a.expiresAt, clock.now + LOGIN_TOKEN_TTL_MS);
    assert.equal(sessions.consumeLoginToken(a.value), true);
    assert.equal(sessions.consumeLoginToken(a.value), false);
    assert.equal(sessions.consumeLoginToken(`${b.value}x`), false);
    clock.now = b.expiresAt;
    assert.equal(sessions.consumeLoginToken(b.value), false, 'expired at its expiry');
  });

  it('login URLs carry the token in the fragment under /ui/', () => {
    const { sessions } = clocked();
    const { url } = sessions.loginUrl('http://127.0.0.1:18080/');
    const m = /^http:\/\/127\.0\.0\.1:18080\/ui\/#token=([A-Za-z0-9_-]{43})$/.exec(url);
    assert.ok(m, url);
    assert.equal(sessions.consumeLoginToken(m[1]!), true);
  });

  it('sessions last 12 hours or until closed', () => {
    const { clock, sessions } = clocked();
    const s = sessions.open();
    const t = sessions.open();
    assert.equal(s.expiresAt, clock.now + SESSION_TTL_MS);
    assert.equal(sessions.isOpen(s.value), true);
    assert.equal(sessions.isOpen('nope'), false);
    assert.equal(sessions.close(s.value), true);
    assert.equal(sessions.isOpen(s.value), false);
    clock.now += SESSION_TTL_MS - 1;
    assert.equal(sessions.isOpen(t.value), true);
    clock.now += 1;
    assert.equal(sessions.isOpen(t.value), false);
  });

  it('keeps at most the configured number of each, dropping the oldest, and never holds the secrets', () => {
    const { sessions } = clocked({ maxLoginTokens: 2, maxSessions: 2 });
    const tokens = [sessions.mintLoginToken(), sessions.mintLoginToken(), sessions.mintLoginToken()];
    const open = [sessions.open(), sessions.open(), sessions.open()];
    assert.deepEqual(sessions.counts, { loginTokens: 2, sessions: 2 });
    assert.equal(sessions.consumeLoginToken(tokens[0]!.value), false);
    assert.equal(sessions.consumeLoginToken(tokens[2]!.value), true);
    assert.deepEqual(open.map((s) => sessions.isOpen(s.value)), [false, true, true]);
    assert.equal(JSON.stringify({ sessions }), '{"sessions":"[dashboard sessions]"}');
  });
});
