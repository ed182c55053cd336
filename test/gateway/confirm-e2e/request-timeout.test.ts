// Nobody decides: the configured default (deny, or redact) applies exactly once when the deadline
// passes, and no rule is ever created from a timeout. Touching an item moves its deadline. A client
// that leaves while held abandons the item, and nothing is forwarded. The two gateways run side by
// side so the suite waits for one timeout, not two.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RulesView } from '../../../gateway/admin/contract.js';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { collect, nextEvent } from './events.js';
import { failure, ok } from './outcome.js';
import { callShape } from './replies.js';
import { SHORT_TIMEOUT_SEC, startConfirmRig, type ConfirmRig } from './rig.js';
import { awsKey, PLACEHOLDER } from './values.js';

const chatWith = (rig: ConfirmRig, text: string) => () => rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });

/** Neither the admin API nor the policy service knows any user rule. */
async function assertNoRules(rig: ConfirmRig): Promise<void> {
  assert.deepEqual(((await rig.admin('/admin/rules')).json as RulesView).rules, []);
  assert.deepEqual(rig.gw.app.policy.rules, []);
}

describe('confirmation timeouts and disconnects', { concurrency: true }, () => {
  describe('onTimeout: deny', { concurrency: 1 }, () => {
    let rig: ConfirmRig;
    /** The first test's audit event, judged again below (no second five-second wait). */
    let timedOut: AuditEvent | undefined;
    let abandonedAudit: { audit: AuditEvent; pendingId: string } | undefined;
    before(async () => {
      rig = await startConfirmRig({ confirm: { timeoutSec: SHORT_TIMEOUT_SEC, onTimeout: 'deny' } });
    });
    after(() => rig.close());

    it('refuses with 400 GW_ERR_CONFIRM_TIMEOUT naming the pending id, once, and creates no rule', async () => {
      const expired = collect(rig.gw.app.bus, 'pending.expired');
      const decided = collect(rig.gw.app.bus, 'pending.decided');
      const key = awsKey(20);
      const { item, result } = await rig.held(chatWith(rig, `key ${key}`));
      const err = failure(await result);
      expired.stop();
      decided.stop();
      assert.deepEqual([err.status, err.code], [400, 'GW_ERR_CONFIRM_TIMEOUT']);
      assert.ok(err.message.includes(item.id) && err.message.includes('default (deny)'), err.message);
      assert.deepEqual(expired.items.map((e) => [e.pending.id, e.outcome]), [[item.id, { kind: 'timed_out', pendingId: item.id, applied: 'deny' }]]);
      assert.equal(decided.items.length, 0);
      const record = await rig.gw.store.pending.get(item.id);
      assert.deepEqual([record?.status, record?.decidedBy], ['timed_out', 'timeout']);
      assert.equal(rig.fake.requests.length, 0);
      await assertNoRules(rig);

      const audit = await rig.auditOf(item.id);
      assert.deepEqual([audit.status, audit.errorCode], [400, 'GW_ERR_CONFIRM_TIMEOUT']);
      timedOut = audit;

      // No rule means the same key is asked about again, in a request of its own (an identical one
      // would be a retry, answered with the same decision).
      const again = await rig.held(chatWith(rig, `the same key ${key}`));
      await rig.decide(again.item.id, 'deny');
      failure(await again.result);
    });

    it('a timeout that denies is audited as timed_out', () => {
      assert.equal(timedOut?.decision, 'timed_out');
    });

    it('a client that disconnects while held abandons the item; the provider records 0 requests', async () => {
      rig.fake.reset();
      const abandoned = collect(rig.gw.app.bus, 'pending.abandoned');
      const ac = new AbortController();
      const { item, result } = await rig.held(() => rig.openai.chat.completions.create(
        { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `key ${awsKey(22)}` }] }, { signal: ac.signal }));
      const gone = nextEvent(rig.gw.app.bus, 'pending.abandoned', (e) => e.pending.id === item.id);
      ac.abort();
      const event = await gone;
      abandoned.stop();
      assert.deepEqual(event.outcome, { kind: 'abandoned', pendingId: item.id });
      assert.equal(abandoned.items.length, 1, 'abandoned once');
      const record = await rig.gw.store.pending.get(item.id);
      assert.deepEqual([record?.status, record?.decidedBy], ['abandoned', 'client:disconnected']);
      await assert.rejects(result.then((r) => (r.ok ? r : Promise.reject(new Error('aborted')))));
      const audit = await rig.audit((e) => e.errorCode === 'GW_ERR_CLIENT_CLOSED', 'the audit event');
      assert.deepEqual([audit.status, audit.decision, audit.findings], [499, 'held', { secret: 1 }]);
      abandonedAudit = { audit, pendingId: item.id };
      assert.deepEqual((await rig.admin('/admin/confirmations')).json, { items: [] });
      assert.equal(rig.fake.requests.length, 0, 'never forwarded');
      await assertNoRules(rig);
    });

    it('the abandoned exchange\'s audit event names its pending id', () => {
      assert.equal(abandonedAudit?.audit.pendingId, abandonedAudit?.pendingId);
    });
  });

  describe('response side, onTimeout: deny', { concurrency: 1 }, () => {
    let rig: ConfirmRig;
    before(async () => {
      rig = await startConfirmRig({ confirm: { timeoutSec: SHORT_TIMEOUT_SEC, onTimeout: 'deny' } });
    });
    after(() => rig.close());

    it('a held tool call nobody decides becomes a refusal naming the timeout and the pending id', async () => {
      const headers = { 'x-fake-scenario': 'tool-call', 'x-fake-tool-key': 'command' };
      const { item, result } = await rig.held(() => callShape('chat', rig, 'rm -rf ~', { tool: 'Bash', stream: true, headers }));
      const reply = ok(await result);
      assert.deepEqual([reply.kinds, reply.stop, reply.calls], [['text'], 'stop', []]);
      assert.ok(reply.text.includes(item.id), reply.text);
      assert.match(reply.text, /timed out/);
      const record = await rig.gw.store.pending.get(item.id);
      assert.deepEqual([record?.status, record?.decidedBy], ['timed_out', 'timeout']);
      const audit = await rig.auditOf(item.id);
      assert.deepEqual([audit.decision, audit.status], ['timed_out', 200]);
      await assertNoRules(rig);
    });
  });

  describe('onTimeout: redact', { concurrency: 1 }, () => {
    let rig: ConfirmRig;
    before(async () => {
      rig = await startConfirmRig({ confirm: { timeoutSec: SHORT_TIMEOUT_SEC, onTimeout: 'redact' } });
    });
    after(() => rig.close());

    it('forwards the redacted request once, creates no rule; a touched item waits a full timeout more', async () => {
      const key = awsKey(23);
      const expired = collect(rig.gw.app.bus, 'pending.expired');
      const first = await rig.held(chatWith(rig, `key ${key}`));
      const touchedLater = await rig.held(chatWith(rig, `other ${awsKey(24)}`));

      // Halfway through, the user looks at the second item: its deadline moves a full timeout ahead.
      await sleep(SHORT_TIMEOUT_SEC * 500);
      const touch = await rig.admin(`/admin/confirmations/${touchedLater.item.id}/touch`, { method: 'POST' });
      assert.equal(touch.status, 200, touch.text);
      const touched = (touch.json as { item: { expiresAt: number } }).item;
      assert.ok(touched.expiresAt > touchedLater.item.expiresAt + 1000, 'the deadline moved');

      const reply = ok(await first.result);
      assert.equal(reply.choices[0]!.message.content, `echo: key ${key}`);
      assert.equal(rig.fake.requests.length, 1, 'forwarded exactly once');
      const sent = rig.fake.requests[0]!.body.toString('utf8');
      assert.ok(!sent.includes(key));
      assert.match(sent, PLACEHOLDER);
      assert.deepEqual(expired.items.map((e) => e.outcome), [{ kind: 'timed_out', pendingId: first.item.id, applied: 'redact' }]);
      const record = await rig.gw.store.pending.get(first.item.id);
      assert.deepEqual([record?.status, record?.decidedBy], ['timed_out', 'timeout']);
      const audit = await rig.auditOf(first.item.id);
      assert.deepEqual([audit.decision, audit.status], ['timed_out', 200]);
      await assertNoRules(rig);

      // The touched item outlived the first one's deadline; it is still there to decide.
      assert.deepEqual(((await rig.admin('/admin/confirmations')).json as { items: { id: string }[] }).items.map((i) => i.id), [touchedLater.item.id]);
      await rig.decide(touchedLater.item.id, 'approve_redacted');
      ok(await touchedLater.result);
      expired.stop();
      assert.equal(expired.items.length, 1, 'only the untouched item expired');

      const again = await rig.held(chatWith(rig, `the same key ${key}`));
      await rig.decide(again.item.id, 'deny');
      failure(await again.result);
    });
  });
});
