// Deciding a held confirmation: each decision resolves the hold as it says and is durable first;
// approvals bind to the payload hash; an item is decided once; "remember" becomes a rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfirmDecision, Outcome, PendingSettledEvent, PendingView } from '../../../gateway/confirm/types.js';
import type { PendingStatus } from '../../../gateway/store/pending-record.js';
import { holdRequest, payloadHash, SECRET, setup, START } from './helpers.js';

const rows: ReadonlyArray<[ConfirmDecision, Outcome['kind'], PendingStatus]> = [
  ['approve_redacted', 'approved_redacted', 'approved_redacted'],
  ['approve_original', 'approved_original', 'approved_original'],
  ['deny', 'denied', 'denied'],
];

describe('confirmations: deciding', () => {
  for (const [decision, kind, status] of rows) {
    it(`${decision} resolves the hold as ${kind} and stores status ${status}`, async (t) => {
      const s = await setup(t);
      const { req, calls } = holdRequest(s.store, s.timers.now);
      const held = s.confirmations.hold(req, new AbortController().signal);
      const [added] = await new Promise<PendingView[]>((r) => s.bus.on('pending.added', (e) => r([e.pending])));
      assert.equal(added!.status, 'pending');
      // Durable before it was announced.
      assert.equal((await s.store.pending.get(added!.id))?.status, 'pending');

      const view = await s.confirmations.decide(added!.id, decision, { by: 'tray', payloadHash: req.payloadHash });
      assert.deepEqual(await held, { kind, pendingId: added!.id });
      assert.equal(view?.status, status);
      assert.equal(view?.remainingMs, 0);
      const stored = await s.store.pending.get(added!.id);
      assert.equal(stored?.status, status);
      assert.equal(stored?.decidedBy, 'tray');
      assert.equal(stored?.decidedAt, START);
      assert.equal(stored?.remember, undefined);
      const decided = s.rec.named('pending.decided') as PendingSettledEvent[];
      assert.equal(decided.length, 1);
      assert.deepEqual(decided[0]!.outcome, { kind, pendingId: added!.id });
      assert.equal(calls.length, 0, 'no remember asked, no rule');
      assert.equal((await s.store.rules.list()).length, 0);
      assert.equal(s.confirmations.count, 0);
      assert.equal(s.timers.armed, 0, 'its timer is gone');
    });
  }

  it('the stored record carries what the user is shown, and no raw value', async (t) => {
    const s = await setup(t, { timeoutMs: 45_000 });
    const { req } = holdRequest(s.store, s.timers.now);
    void s.confirmations.hold(req, new AbortController().signal);
    await new Promise((r) => s.bus.on('pending.added', r));
    const [view] = s.confirmations.list();
    assert.ok(view);
    assert.deepEqual(
      { ...(await s.store.pending.get(view.id)) },
      {
        id: view.id, createdAt: START, expiresAt: START + 45_000, status: 'pending', stage: 'request',
        trigger: { category: 'secret', detector: 'aws-access-key', ruleId: 'preset:balanced:cloud-credentials' },
        preview: 'deploy with AKIA…TWD please', clientApp: 'claude-code', clientKeyId: 'ck_test', provider: 'anthropic',
        model: 'claude-sonnet-4', route: '/v1/messages', payloadHash: req.payloadHash,
      },
    );
    assert.equal(view.remainingMs, 45_000);
    assert.deepEqual(view.findings, req.findings);
    assert.ok(!JSON.stringify(view).includes(SECRET));
  });

  it('a decision for a different payload hash is refused and the item stays pending', async (t) => {
    const s = await setup(t);
    const { req } = holdRequest(s.store, s.timers.now);
    let settled = false;
    void s.confirmations.hold(req, new AbortController().signal).then(() => (settled = true));
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;

    assert.equal(await s.confirmations.decide(id, 'approve_original', { payloadHash: payloadHash('another payload') }), undefined);
    assert.equal(settled, false);
    assert.equal((await s.store.pending.get(id))?.status, 'pending');
    assert.equal(s.confirmations.get(id)?.status, 'pending');
    // The right hash still decides it.
    assert.equal((await s.confirmations.decide(id, 'approve_original', { payloadHash: req.payloadHash }))?.status, 'approved_original');
  });

  it('an item is decided once: a second decision, even a racing one, is refused', async (t) => {
    const s = await setup(t);
    const { req } = holdRequest(s.store, s.timers.now);
    const held = s.confirmations.hold(req, new AbortController().signal);
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;

    const [first, racing] = await Promise.all([s.confirmations.decide(id, 'deny'), s.confirmations.decide(id, 'approve_original')]);
    assert.equal(first?.status, 'denied');
    assert.equal(racing, undefined);
    assert.equal(await s.confirmations.decide(id, 'approve_redacted'), undefined);
    assert.deepEqual(await held, { kind: 'denied', pendingId: id });
    assert.equal((await s.store.pending.get(id))?.status, 'denied');
    assert.equal(s.rec.named('pending.decided').length, 1);
  });

  it('unknown ids and unknown decisions are refused', async (t) => {
    const s = await setup(t);
    assert.equal(await s.confirmations.decide('pnd_nope', 'deny'), undefined);
    assert.equal(await s.confirmations.touch('pnd_nope'), undefined);
    assert.equal(await s.confirmations.reveal('pnd_nope'), undefined);
    assert.equal(s.confirmations.get('pnd_nope'), undefined);
    const { req } = holdRequest(s.store, s.timers.now);
    void s.confirmations.hold(req, new AbortController().signal);
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;
    assert.equal(await s.confirmations.decide(id, 'toString' as ConfirmDecision), undefined);
    assert.equal(s.confirmations.get(id)?.status, 'pending');
  });

  it('remember: the hold’s remember runs once with the scope and lifetime, after the durable decision', async (t) => {
    const s = await setup(t);
    const { req, calls } = holdRequest(s.store, s.timers.now);
    let statusWhenRemembered: string | undefined;
    const remember = req.remember;
    const held = s.confirmations.hold({
      ...req,
      remember: async (...args) => {
        statusWhenRemembered = (await s.store.pending.get(id))?.status;
        return remember(...args);
      },
    }, new AbortController().signal);
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;
    const until = START + 3_600_000;

    const view = await s.confirmations.decide(id, 'approve_original', { remember: { scope: 'category', lifetime: { kind: 'until', until } } });
    assert.deepEqual(await held, { kind: 'approved_original', pendingId: id });
    assert.deepEqual(calls, [{ decision: 'approve_original', scope: 'category', lifetime: { kind: 'until', until } }]);
    assert.equal(statusWhenRemembered, 'approved_original');
    assert.equal(view?.rememberFailed, undefined);
    assert.deepEqual((await s.store.pending.get(id))?.remember, { scope: 'category', lifetime: 'until', until });
    const rules = await s.store.rules.list();
    assert.equal(rules.length, 1);
    assert.equal(rules[0]!.expiresAt, until);
    assert.deepEqual((rules[0]!.rule as { action: string }).action, 'allow');
  });

  it('remember: "until restart" is stored as lifetime restart; an invalid until is refused before deciding', async (t) => {
    const s = await setup(t);
    const { req, calls } = holdRequest(s.store, s.timers.now);
    void s.confirmations.hold(req, new AbortController().signal);
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;

    await assert.rejects(s.confirmations.decide(id, 'deny', { remember: { scope: 'app', lifetime: { kind: 'until', until: START - 1 } } }), RangeError);
    assert.equal(s.confirmations.get(id)?.status, 'pending');
    await s.confirmations.decide(id, 'deny', { remember: { scope: 'app', lifetime: { kind: 'session' } } });
    assert.deepEqual((await s.store.pending.get(id))?.remember, { scope: 'app', lifetime: 'restart' });
    assert.deepEqual(calls, [{ decision: 'deny', scope: 'app', lifetime: { kind: 'session' } }]);
  });

  it('remember: a failure is reported and does not undo the decision', async (t) => {
    const s = await setup(t);
    const { req } = holdRequest(s.store, s.timers.now, { remember: () => Promise.reject(new Error('rules table is read-only')) });
    const held = s.confirmations.hold(req, new AbortController().signal);
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;

    const view = await s.confirmations.decide(id, 'approve_redacted', { remember: { scope: 'value', lifetime: { kind: 'always' } } });
    assert.equal(view?.status, 'approved_redacted');
    assert.equal(view?.rememberFailed, true);
    assert.deepEqual(await held, { kind: 'approved_redacted', pendingId: id });
    assert.equal((await s.store.pending.get(id))?.status, 'approved_redacted');
    assert.ok(s.rec.logLines.some((l) => l.includes('remembering it as a rule failed') && l.includes(id)));
  });

  it('a decision whose write fails is not applied: decide rejects and the item stays pending', async (t) => {
    let failWrites = true;
    const s0 = await setup(t);
    const pending = s0.store.pending;
    const flaky = {
      pending: {
        ...pending,
        create: pending.create.bind(pending),
        get: pending.get.bind(pending),
        listPending: pending.listPending.bind(pending),
        extend: pending.extend.bind(pending),
        decide: (id: string, d: Parameters<typeof pending.decide>[1]) =>
          failWrites ? Promise.reject(new Error('disk I/O error')) : pending.decide(id, d),
      },
    };
    const s = await setup(t, {}, flaky);
    const { req } = holdRequest(s0.store, s.timers.now);
    let settled = false;
    const held = s.confirmations.hold(req, new AbortController().signal);
    void held.then(() => (settled = true));
    await new Promise((r) => s.bus.on('pending.added', r));
    const id = s.confirmations.list()[0]!.id;

    await assert.rejects(s.confirmations.decide(id, 'approve_original'), /disk I\/O error/);
    assert.equal(settled, false);
    assert.equal(s.confirmations.get(id)?.status, 'pending');
    assert.equal(s.timers.armed, 1, 'its timeout is armed again');
    failWrites = false;
    await s.confirmations.decide(id, 'approve_original');
    assert.deepEqual(await held, { kind: 'approved_original', pendingId: id });
  });
});
