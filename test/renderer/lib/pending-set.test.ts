import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PendingView } from '../../../gateway/admin/contract.js';
import { applyChange, applySnapshot, emptyPending, settle, sortedPending } from '../../../renderer/lib/pending-set.js';

const view = (id: string, over: Partial<PendingView> = {}): PendingView => ({
  id, createdAt: 1, expiresAt: 60_001, status: 'pending', stage: 'request', trigger: { category: 'secret', detector: 'aws-access-key' },
  preview: '…', clientApp: 'curl', provider: 'openai', route: '/v1/chat/completions', payloadHash: 'h', remainingMs: 60_000, findings: [], reveals: [],
  ...over,
});

describe('the pending queue', () => {
  it('adds, updates and removes items from stream changes', () => {
    let set = applyChange(emptyPending(), { change: 'added', pending: view('a') });
    set = applyChange(set, { change: 'touched', pending: view('a', { expiresAt: 90_000 }) });
    assert.equal(set.items.get('a')?.expiresAt, 90_000);
    set = applyChange(set, { change: 'decided', pending: view('a', { status: 'denied' }) });
    assert.equal(set.items.size, 0);
  });

  it('never lets a stale snapshot bring back an item the stream saw settle', () => {
    let set = applyChange(emptyPending(), { change: 'expired', pending: view('a', { status: 'timed_out' }) });
    set = applySnapshot(set, [view('a'), view('b')]);
    assert.deepEqual([...set.items.keys()], ['b']);
    set = applyChange(set, { change: 'touched', pending: view('a') });
    assert.deepEqual([...set.items.keys()], ['b'], 'nor a late touch');
  });

  it('drops an item decided here before its event arrives', () => {
    const set = settle(applySnapshot(emptyPending(), [view('a'), view('b')]), 'a');
    assert.deepEqual([...set.items.keys()], ['b']);
    assert.equal(applyChange(set, { change: 'revealed', pending: view('a') }).items.has('a'), false);
  });

  it('keeps arrival order whatever the deadlines do (a frozen or extended clock never moves a card)', () => {
    const set = applySnapshot(emptyPending(), [view('second', { createdAt: 2, expiresAt: 5 }), view('first', { createdAt: 1, expiresAt: 900 }), view('third', { createdAt: 3, expiresAt: 1 })]);
    assert.deepEqual(sortedPending(set).map((v) => v.id), ['first', 'second', 'third']);
    const touched = applyChange(set, { change: 'touched', pending: view('first', { createdAt: 1, expiresAt: 2 }) });
    assert.deepEqual(sortedPending(touched).map((v) => v.id), ['first', 'second', 'third']);
  });
});
