import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { AuditEventSchema } from '../../../gateway/shared/audit-event.js';
import { auditEvent } from '../store/helpers.js';

test('a complete event matches the schema, and so does a minimal one', () => {
  assert.equal(Value.Check(AuditEventSchema, auditEvent({ pendingId: 'p1', ruleIds: ['r1'], errorCode: 'GW_ERR_X' })), true);
  const { model: _m, ...minimal } = auditEvent({ usage: {}, findings: {} });
  assert.equal(Value.Check(AuditEventSchema, minimal), true);
});

test('findings carry counts only: a value in place of a count is rejected', () => {
  const bad = { ...auditEvent(), findings: { email: 'alice@example.com' } };
  assert.equal(Value.Check(AuditEventSchema, bad), false);
});

test('unknown fields (a place a value could leak into) are rejected', () => {
  assert.equal(Value.Check(AuditEventSchema, { ...auditEvent(), values: ['alice@example.com'] }), false);
  assert.equal(Value.Check(AuditEventSchema, { ...auditEvent(), client: { app: 'x', email: 'a@b.c' } }), false);
});

test('decision is one of the documented outcomes', () => {
  assert.equal(Value.Check(AuditEventSchema, { ...auditEvent(), decision: 'maybe' }), false);
  for (const decision of ['forwarded', 'redacted', 'blocked', 'held', 'approved', 'denied', 'timed_out'] as const) {
    assert.equal(Value.Check(AuditEventSchema, auditEvent({ decision })), true, decision);
  }
});
