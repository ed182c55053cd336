import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { refuseToolCall } from '../../../../gateway/response/guard/sanitize.js';
import { RESPONSE_DETECTORS as D } from '../../../../gateway/response/guard/findings.js';

test('refusal names the reasons, the outcome and the pending id, in text and in JSON arguments', () => {
  const r = refuseToolCall({ call: { name: 'Bash' }, findings: [{ detector: D.rce }, { detector: D.rce }, { detector: D.credentialRead }], outcome: 'denied', pendingId: 'cfm_01J9ZX' });
  assert.match(r.text, /"Bash"/);
  assert.match(r.text, /code downloaded from the network/);
  assert.match(r.text, /credential file/);
  assert.match(r.text, /The user denied it\./);
  assert.match(r.text, /cfm_01J9ZX/);
  const args = JSON.parse(r.arguments) as Record<string, unknown>;
  assert.equal(args['aegisgate_refused'], true);
  assert.equal(args['pending_id'], 'cfm_01J9ZX');
  assert.equal(args['outcome'], 'denied');
  assert.equal((args['reasons'] as unknown[]).length, 2);
});

test('refusal without a pending id, for a timeout and for a rule block', () => {
  const t = refuseToolCall({ call: { name: 'shell' }, findings: [{ detector: D.destructive }], outcome: 'timed_out' });
  assert.match(t.text, /timed out/);
  assert.ok(!('pending_id' in (JSON.parse(t.arguments) as object)));
  assert.match(refuseToolCall({ call: { name: 'shell' }, findings: [], outcome: 'blocked' }).text, /was flagged by a gateway policy\. A policy rule blocks it\./);
});

test('refusal never echoes unsafe names or ids', () => {
  const r = refuseToolCall({ call: { name: 'x"; rm -rf /' }, findings: [{ detector: 'unknown' }], outcome: 'denied', pendingId: '../../etc' });
  assert.match(r.text, /"tool"/);
  assert.ok(!r.text.includes('rm -rf') && !r.text.includes('../'));
});

test('property: arguments are always a valid JSON object whatever the inputs', () => {
  fc.assert(fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), fc.array(fc.string(), { maxLength: 4 }),
    fc.constantFrom('denied' as const, 'timed_out' as const, 'blocked' as const), (name, pendingId, detectors, outcome) => {
      const r = refuseToolCall({ call: { name }, findings: detectors.map((detector) => ({ detector })), outcome, pendingId });
      const parsed = JSON.parse(r.arguments) as unknown;
      assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed));
      assert.equal((parsed as { message: string }).message, r.text);
    }));
});
