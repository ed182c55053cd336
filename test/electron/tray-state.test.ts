import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../gateway/policy/rule.js';
import { statusLine, storeErrorFrom, trayState, trayTooltip, unredactedScopes } from '../../electron/tray-state.js';

const URL_ = 'http://127.0.0.1:18080';

test('no pending items and no error: protecting', () => {
  assert.deepEqual(trayState({ pending: 0, url: URL_ }), { kind: 'protecting' });
});

test('N pending items: pending(N)', () => {
  assert.deepEqual(trayState({ pending: 1 }), { kind: 'pending', count: 1 });
  assert.deepEqual(trayState({ pending: 7 }), { kind: 'pending', count: 7 });
});

test('errors win over pending items, start failure first', () => {
  const all = { pending: 3, startError: 'port 18080 is already in use', storeError: 'the vault could not be written', listenerDown: true };
  assert.deepEqual(trayState(all), { kind: 'error', reason: 'the gateway did not start: port 18080 is already in use' });
  assert.deepEqual(trayState({ ...all, startError: undefined }), { kind: 'error', reason: 'the gateway stopped listening' });
  assert.deepEqual(trayState({ pending: 3, storeError: 'the vault could not be written' }), {
    kind: 'error',
    reason: 'storage failed: the vault could not be written',
  });
});

test('a key warning is shown in the tooltip but is not an error', () => {
  const facts = { pending: 0, url: URL_, keyWarning: 'Keys at rest are protected by file permissions only: no keyring.' };
  const state = trayState(facts);
  assert.equal(state.kind, 'protecting');
  assert.equal(trayTooltip(state, facts), `AegisGate: Protecting ${URL_}\nKeys at rest are protected by file permissions only: no keyring.`);
});

test('status lines', () => {
  assert.equal(statusLine({ kind: 'protecting' }), 'Protecting');
  assert.equal(statusLine({ kind: 'pending', count: 2 }, URL_), '2 waiting for your approval');
  assert.equal(statusLine({ kind: 'error', reason: 'the gateway stopped listening' }), 'Error: the gateway stopped listening');
});

test('store errors come from audit codes that mean the store failed; any other outcome clears them', () => {
  assert.equal(storeErrorFrom('GW_ERR_VAULT_UNAVAILABLE'), 'the vault could not be written');
  assert.equal(storeErrorFrom('GW_ERR_AUDIT_BACKPRESSURE'), 'the audit log is not keeping up');
  assert.equal(storeErrorFrom('GW_ERR_UPSTREAM_UNREACHABLE'), undefined);
  assert.equal(storeErrorFrom(undefined), undefined);
  assert.equal(storeErrorFrom('constructor'), undefined);
});

test('a live rule letting findings through unredacted makes the tray amber and says what; pending items and errors still win', () => {
  const now = 1_000_000;
  const rule = (over: Partial<Rule>): Rule => ({ id: 'r', match: {}, action: 'allow', lifetime: { kind: 'always' }, createdAt: 0, source: 'user', ...over });
  const scopes = unredactedScopes([
    rule({ match: { category: 'secret', app: 'cursor' } }),
    rule({ match: { detector: 'email' } }),
    rule({ match: {}, action: 'redact' }),
    rule({ match: {}, lifetime: { kind: 'until', until: now - 1 } }),
    rule({ match: {}, lifetime: { kind: 'session', sessionId: 'old-run' } }),
  ], now, 'this-run');
  assert.deepEqual(scopes, ['every secret from cursor']);
  assert.deepEqual(trayState({ pending: 0, unredacted: scopes }), { kind: 'unprotected', scopes });
  assert.match(statusLine(trayState({ pending: 0, unredacted: scopes })), /Protection off for every secret from cursor/);
  assert.equal(trayState({ pending: 2, unredacted: scopes }).kind, 'pending');
  assert.equal(trayState({ pending: 0, unredacted: scopes, listenerDown: true }).kind, 'error');
  assert.deepEqual(trayState({ pending: 0, unredacted: [] }), { kind: 'protecting' });
});
