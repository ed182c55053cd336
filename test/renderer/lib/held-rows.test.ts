import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent, PendingView } from '../../../gateway/admin/contract.js';
import { applyAudit, applyPending, expire, heldRowId, type HeldRows } from '../../../renderer/lib/held-rows.js';

const view = (over: Partial<PendingView> = {}): PendingView => ({
  id: 'pnd_1', createdAt: 1000, expiresAt: 61_000, status: 'pending', stage: 'request', trigger: { category: 'secret', detector: 'aws-access-key' },
  preview: 'masked', clientApp: 'openai-sdk', provider: 'openai', route: '/v1/chat/completions', payloadHash: 'h', remainingMs: 60_000,
  findings: [{ category: 'secret', detector: 'aws-access-key', kind: 'k' }, { category: 'pii', detector: 'email', kind: 'k' }], reveals: [], ...over,
});

describe('held Live rows', () => {
  it('show Held while waiting, the decision once taken, and give way to the audit event', () => {
    let rows: HeldRows = new Map();
    rows = applyPending(rows, view(), 2000);
    const held = rows.get('pnd_1')!;
    assert.deepEqual([held.id, held.decision, held.live, held.findings, held.pendingId], [heldRowId('pnd_1'), 'held', 'held', { secret: 1, pii: 1 }, 'pnd_1']);
    rows = applyPending(rows, view({ status: 'approved_original', decidedAt: 5000 }), 5000);
    const decided = rows.get('pnd_1')!;
    assert.deepEqual([decided.decision, decided.live, decided.explain?.sent, decided.durations.waitMs], ['approved', 'decided', 'original', 4000]);
    assert.equal(applyPending(rows, view(), 6000), rows, 'a stale snapshot does not bring Held back');
    assert.equal(applyAudit(rows, { id: 'e', pendingId: 'pnd_2' } as AuditEvent), rows);
    assert.equal(applyAudit(rows, { id: 'e', pendingId: 'pnd_1' } as AuditEvent).size, 0);
  });

  it('a decided row whose audit event never comes goes after two minutes; a held one stays', () => {
    let rows: HeldRows = applyPending(new Map(), view({ status: 'denied' }), 0);
    rows = applyPending(rows, view({ id: 'pnd_2' }), 0);
    assert.equal(expire(rows, 60_000), rows);
    assert.deepEqual([...expire(rows, 121_000).keys()], ['pnd_2']);
  });
});
