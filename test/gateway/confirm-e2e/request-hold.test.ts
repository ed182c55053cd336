// A request carrying a cloud credential or a private key is held before it is forwarded (balanced,
// the default preset), and the user's decision through the admin API decides what reaches the
// provider: a placeholder, the real value, or nothing at all. Remembered decisions and user rules
// change what the next request does.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RulesView } from '../../../gateway/admin/contract.js';
import { failure, ok } from './outcome.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { awsKey, githubToken, pemKey, PLACEHOLDER } from './values.js';

const MODEL = 'gpt-4o';

describe('held requests, decided through the admin API (balanced preset)', () => {
  let rig: ConfirmRig;
  before(async () => {
    rig = await startConfirmRig({ confirm: { timeoutSec: 20 } });
  });
  after(() => rig.close());
  beforeEach(() => rig.fake.reset());

  const chat = (text: string) => () => rig.openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: text }] });
  const upstreamText = (i = 0): string => rig.fake.requests[i]!.body.toString('utf8');
  const rules = async (): Promise<RulesView['rules']> => ((await rig.admin('/admin/rules')).json as RulesView).rules;

  it('holds an AWS key; approve as redacted → the provider gets a placeholder, the client the restored answer', async () => {
    const key = awsKey(1);
    const { item, result } = await rig.held(chat(`deploy with ${key} please`));
    assert.equal(item.status, 'pending');
    assert.equal(item.stage, 'request');
    assert.deepEqual(item.trigger, { category: 'secret', detector: 'aws-access-key', ruleId: 'preset:balanced:confirm-aws-access-key' });
    assert.ok(!item.preview.includes(key), 'the preview masks the key');
    const listed = (await rig.admin('/admin/confirmations')).json as { items: { id: string }[] };
    assert.deepEqual(listed.items.map((i) => i.id), [item.id]);
    assert.equal(rig.fake.requests.length, 0, 'nothing reaches the provider while held');

    const decided = await rig.decide(item.id, 'approve_redacted');
    assert.equal(decided.status, 'approved_redacted');
    const reply = ok(await result);
    assert.equal(reply.choices[0]!.message.content, `echo: deploy with ${key} please`, 'the answer is restored for the client');
    assert.equal(rig.fake.requests.length, 1);
    assert.ok(!upstreamText().includes(key), 'the key never reached the provider');
    assert.match(upstreamText(), PLACEHOLDER);

    const audit = await rig.auditOf(item.id);
    assert.equal(audit.decision, 'approved');
    assert.equal(audit.status, 200);
    assert.deepEqual(audit.findings, { secret: 1 });
    assert.equal((await rig.gw.store.pending.get(item.id))?.status, 'approved_redacted');
    assert.deepEqual((await rig.admin('/admin/confirmations')).json, { items: [] });
  });

  it('holds a PEM private key (Anthropic SDK); approve original → the provider gets the real key', async () => {
    const pem = pemKey(1);
    const { item, result } = await rig.held(() =>
      rig.anthropic.messages.create({ model: 'claude-test', max_tokens: 64, messages: [{ role: 'user', content: `sign with\n${pem}` }] }));
    assert.equal(item.trigger.detector, 'private-key');
    assert.equal(item.provider, 'anthropic');
    assert.equal(rig.fake.requests.length, 0);

    await rig.decide(item.id, 'approve_original');
    const reply = ok(await result);
    assert.deepEqual(reply.content, [{ type: 'text', text: `echo: sign with\n${pem}` }]);
    const sent = rig.fake.requests[0]!.json as { messages: { content: string }[] };
    assert.equal(sent.messages[0]!.content, `sign with\n${pem}`, 'the original, exactly as the client sent it');
    const audit = await rig.auditOf(item.id);
    assert.equal(audit.decision, 'approved');
  });

  it('deny → 400 (Anthropic: 451) GW_ERR_CONFIRM_DENIED naming the pending id; nothing reaches the provider', async () => {
    const { item, result } = await rig.held(chat(`key ${awsKey(2)}`));
    await rig.decide(item.id, 'deny');
    const err = failure(await result);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'GW_ERR_CONFIRM_DENIED');
    assert.ok(err.message.includes(item.id), `the message names ${item.id}: ${err.message}`);
    assert.equal(rig.fake.requests.length, 0);

    // Anthropic clients get their own error shape with the same code.
    const second = await rig.held(() => rig.anthropic.messages.create({ model: 'claude-test', max_tokens: 8, messages: [{ role: 'user', content: awsKey(3) }] }));
    await rig.decide(second.item.id, 'deny');
    const anthropicErr = failure(await second.result);
    assert.deepEqual([anthropicErr.status, anthropicErr.code], [451, 'GW_ERR_CONFIRM_DENIED']);
    assert.ok(anthropicErr.message.includes(second.item.id));
    assert.equal(rig.fake.requests.length, 0);
  });

  it('deny is audited as denied, with the pending id', async () => {
    const { item, result } = await rig.held(chat(`key ${awsKey(4)}`));
    await rig.decide(item.id, 'deny');
    failure(await result);
    const audit = await rig.auditOf(item.id);
    assert.equal(audit.status, 400);
    assert.equal(audit.errorCode, 'GW_ERR_CONFIRM_DENIED');
    assert.equal(audit.decision, 'denied');
  });

  it('a decision binds to the payload it was shown for, and is taken once', async () => {
    const { item, result } = await rig.held(chat(`bound ${awsKey(9)}`));
    const decide = (body: object) => rig.admin(`/admin/confirmations/${item.id}/decision`, { method: 'POST', body });
    const stale = await decide({ decision: 'approve_original', payloadHash: 'not-the-payload-shown' });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(rig.gw.app.confirmations.get(item.id)?.status, 'pending', 'still held after a decision for another payload');
    assert.equal((await decide({ decision: 'approve_redacted', payloadHash: item.payloadHash })).status, 200);
    const again = await decide({ decision: 'approve_original' });
    assert.equal(again.status, 409, 'a second decision is refused');
    ok(await result);
    assert.ok(!upstreamText().includes(awsKey(9)), 'the first decision stands');
    assert.equal((await rig.admin('/admin/confirmations/pnd_never_held/decision', { method: 'POST', body: { decision: 'deny' } })).status, 404);
  });

  it('remember (this value, always): the same key passes redacted from then on; another key is still held', async () => {
    const key = awsKey(5);
    const first = await rig.held(chat(`first ${key}`));
    const decided = await rig.decide(first.item.id, 'approve_redacted', { scope: 'value', lifetime: 'always' });
    assert.deepEqual(decided.remember, { scope: 'value', lifetime: 'always' });
    ok(await first.result);

    const [rule, ...rest] = await rules();
    assert.equal(rest.length, 0, 'one rule');
    assert.equal(rule!.source, 'remembered');
    assert.equal(rule!.action, 'redact');
    assert.deepEqual(rule!.lifetime, { kind: 'always' });
    assert.equal(typeof rule!.match.valueHash, 'string');
    assert.ok(!JSON.stringify(rule).includes(key), 'the rule keeps a keyed hash, never the value');

    const again = ok(await rig.notHeld(chat(`again ${key}`)));
    assert.equal(again.choices[0]!.message.content, `echo: again ${key}`);
    assert.ok(!upstreamText(1).includes(key));
    const audit = await rig.audit((e) => e.decision === 'redacted' && e.ruleIds?.includes(rule!.id) === true, 'the remembered request audit');
    assert.equal(audit.pendingId, undefined);

    const other = await rig.held(chat(`other ${awsKey(6)}`));
    await rig.decide(other.item.id, 'deny');
    failure(await other.result);
    assert.equal((await rig.admin(`/admin/rules/${rule!.id}`, { method: 'DELETE' })).status, 204);
  });

  it('remember (this value, once): only the next request with that key passes, then it is held again', async () => {
    const key = awsKey(7);
    const first = await rig.held(chat(`one ${key}`));
    await rig.decide(first.item.id, 'approve_original', { scope: 'value', lifetime: 'once' });
    ok(await first.result);
    const [rule] = await rules();
    assert.deepEqual([rule?.action, rule?.lifetime], ['allow', { kind: 'once' }]);

    ok(await rig.notHeld(chat(`two ${key}`)));
    assert.ok(upstreamText(1).includes(key), 'allowed as the original');
    assert.deepEqual(await rules(), [], 'the once rule was used up');

    const third = await rig.held(chat(`three ${key}`));
    await rig.decide(third.item.id, 'deny');
    failure(await third.result);
    assert.equal(rig.fake.requests.length, 2);
  });

  it('a block rule created through the admin API → 400 GW_ERR_POLICY_BLOCKED, audited as blocked', async () => {
    const created = await rig.admin('/admin/rules', {
      method: 'POST',
      body: { match: { detector: 'aws-access-key' }, action: 'block', lifetime: { kind: 'always' }, note: 'no AWS keys' },
    });
    assert.equal(created.status, 201, created.text);
    const { rule } = created.json as { rule: { id: string } };
    try {
      const err = failure(await rig.notHeld(chat(`key ${awsKey(8)}`)));
      assert.deepEqual([err.status, err.code], [400, 'GW_ERR_POLICY_BLOCKED']);
      assert.ok(err.message.includes(rule.id), err.message);
      assert.equal(rig.fake.requests.length, 0);
      const audit = await rig.audit((e) => e.errorCode === 'GW_ERR_POLICY_BLOCKED', 'the blocked audit event');
      assert.equal(audit.decision, 'blocked');
      assert.deepEqual(audit.ruleIds, [rule.id]);
    } finally {
      assert.equal((await rig.admin(`/admin/rules/${rule.id}`, { method: 'DELETE' })).status, 204);
    }
  });

  it('an ordinary secret is redacted without asking, and a request without findings is forwarded as is', async () => {
    const plain = ok(await rig.notHeld(chat('what is 2 + 2?')));
    assert.equal(plain.choices[0]!.message.content, 'echo: what is 2 + 2?');
    const forwarded = await rig.audit((e) => e.decision === 'forwarded' && e.status === 200, 'the forwarded audit event');
    assert.equal(forwarded.pendingId, undefined);

    const token = githubToken(1);
    const reply = ok(await rig.notHeld(chat(`token ${token}`)));
    assert.equal(reply.choices[0]!.message.content, `echo: token ${token}`);
    assert.ok(!upstreamText(1).includes(token));
    const redacted = await rig.audit((e) => e.decision === 'redacted', 'the redacted audit event');
    assert.deepEqual(redacted.findings, { secret: 1 });
  });
});
