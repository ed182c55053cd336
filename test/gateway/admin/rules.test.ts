// Policy rules through the admin API: listed next to the active preset's, created, replaced and
// deleted; value rules stored only as a keyed hash; every change announced on the stream; and a rule
// made through the API decides the very next request.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { RuleResponseSchema, RulesViewSchema, StreamEventSchemas, type Rule, type RulesView } from '../../../gateway/admin/contract.js';
import { postJson, type HttpResult } from '../../helpers/http.js';
import { SseClient, startAdminRig, type AdminRig } from './rig.js';

const EMAIL = 'bob.rules@example.com';
const codeOf = (res: HttpResult) => (res.json as { error: { code: string } }).error.code;
const ruleOf = (res: HttpResult) => (res.json as { rule: Rule }).rule;

describe('admin API: rules', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig();
  });
  after(() => rig.close());
  beforeEach(async () => {
    rig.fake.reset();
    for (const r of rig.gw.app.policy.rules) await rig.gw.app.policy.remove(r.id);
  });

  const chat = (text: string) =>
    postJson(rig.gw.url, '/v1/chat/completions', { model: 'gpt-test', messages: [{ role: 'user', content: text }] }, { authorization: 'Bearer sk-client' });
  const sentUpstream = () => rig.fake.requests.at(-1)!.body.toString('utf8');

  it('lists the user rules with the active preset and its read-only rules', async () => {
    const res = await rig.api('/admin/rules');
    assert.equal(res.status, 200);
    assert.ok(Value.Check(RulesViewSchema, res.json), res.text);
    const view = res.json as RulesView;
    assert.equal(view.preset, 'balanced');
    assert.deepEqual(view.rules, []);
    assert.ok(view.presetRules.length > 0 && view.presetRules.every((r) => r.source === 'preset' && r.id.startsWith('preset:balanced:')));
  });

  it('creates, replaces and deletes a rule; the server sets id, time and source; each change is on the stream', async () => {
    const stream = await SseClient.open(rig.gw.url, '/admin/events', { authorization: `Bearer ${rig.token}` });
    try {
      const created = await rig.api('/admin/rules', { body: { match: { category: 'pii', app: 'cursor' }, action: 'block', lifetime: { kind: 'always' }, note: 'no PII from cursor' } });
      assert.equal(created.status, 201, created.text);
      assert.ok(Value.Check(RuleResponseSchema, created.json));
      const rule = ruleOf(created);
      assert.match(rule.id, /^rule_[A-Za-z0-9_-]+$/);
      assert.equal(rule.source, 'user');
      assert.ok(Math.abs(rule.createdAt - Date.now()) < 60_000);
      assert.deepEqual(((await rig.api('/admin/rules')).json as RulesView).rules, [{ ...rule, hits: 0 }]);

      const replaced = await rig.api(`/admin/rules/${rule.id}`, { method: 'PUT', body: { match: { category: 'pii' }, action: 'allow', lifetime: { kind: 'until', until: Date.now() + 3_600_000 }, confirmDisables: 'pii' } });
      assert.equal(replaced.status, 200, replaced.text);
      const next = ruleOf(replaced);
      assert.equal(next.id, rule.id);
      assert.equal(next.createdAt, rule.createdAt);
      assert.equal(next.action, 'allow');
      assert.equal(next.note, undefined);
      assert.deepEqual(((await rig.api('/admin/rules')).json as RulesView).rules, [{ ...next, hits: 0 }]);

      assert.equal((await rig.api(`/admin/rules/${rule.id}`, { method: 'DELETE' })).status, 204);
      assert.deepEqual(((await rig.api('/admin/rules')).json as RulesView).rules, []);
      assert.equal((await rig.api(`/admin/rules/${rule.id}`, { method: 'DELETE' })).status, 404);

      const events = await stream.waitFor((m) => m.event === 'rules.changed', 3);
      for (const e of events) assert.ok(Value.Check(StreamEventSchemas['rules.changed'], e.json), e.data);
      assert.deepEqual(events.map((e) => e.json), [{ change: 'created', id: rule.id }, { change: 'updated', id: rule.id }, { change: 'deleted', id: rule.id }]);
    } finally {
      stream.close();
    }
  });

  it('stamps a until-restart rule with this run, whatever session id is sent', async () => {
    const res = await rig.api('/admin/rules', { body: { match: { detector: 'email' }, action: 'allow', lifetime: { kind: 'session', sessionId: 'stale' } } });
    assert.equal(res.status, 201);
    assert.deepEqual(ruleOf(res).lifetime, { kind: 'session', sessionId: rig.gw.app.policy.sessionId });
  });

  it('keeps only the keyed hash of a value rule, never the value, and the rule matches that value', async () => {
    const res = await rig.api('/admin/rules', { body: { match: { category: 'pii', value: EMAIL }, action: 'allow', lifetime: { kind: 'always' } } });
    assert.equal(res.status, 201, res.text);
    assert.ok(!res.text.includes(EMAIL), 'the response never carries the value');
    const rule = ruleOf(res);
    assert.equal(rule.match.valueHash, rig.gw.app.policy.hash(EMAIL));
    assert.ok(!('value' in rule.match));
    const stored = await rig.gw.store.rules.list();
    assert.ok(!JSON.stringify(stored).includes(EMAIL), 'the store never holds the value');
    assert.ok(!(await rig.api('/admin/rules')).text.includes(EMAIL));

    assert.equal((await chat(`allowed: ${EMAIL}`)).status, 200);
    assert.ok(sentUpstream().includes(EMAIL), 'the allowlisted value is forwarded in clear');
    assert.equal((await chat('other: carol@example.com')).status, 200);
    assert.ok(!sentUpstream().includes('carol@example.com'), 'other values are still redacted');
  });

  it('a rule created through the API decides the next request', async () => {
    assert.equal((await chat(`before: ${EMAIL}`)).status, 200);
    assert.ok(!sentUpstream().includes(EMAIL), 'balanced redacts an email');
    const res = await rig.api('/admin/rules', { body: { match: { category: 'pii', detector: 'email' }, action: 'allow', lifetime: { kind: 'always' } } });
    assert.equal(res.status, 201);
    assert.equal((await chat(`after: ${EMAIL}`)).status, 200);
    assert.ok(sentUpstream().includes(EMAIL), 'forwarded in clear once allowed');

    await rig.api(`/admin/rules/${ruleOf(res).id}`, { method: 'PUT', body: { match: { category: 'pii', detector: 'email' }, action: 'block', lifetime: { kind: 'always' } } });
    const blocked = await chat(`now: ${EMAIL}`);
    assert.equal(blocked.status, 400);
    assert.equal(codeOf(blocked), 'GW_ERR_POLICY_BLOCKED');
  });

  it('refuses edits of preset rules, unknown ids and invalid bodies', async () => {
    const presetId = 'preset:balanced:pii';
    const body = { match: {}, action: 'allow', lifetime: { kind: 'always' } };
    for (const method of ['PUT', 'DELETE']) {
      const res = await rig.api(`/admin/rules/${encodeURIComponent(presetId)}`, { method, body: method === 'PUT' ? body : undefined });
      assert.equal(res.status, 400, `${method}: ${res.text}`);
      assert.match(res.text, /preset rules/);
    }
    const unknown = await rig.api('/admin/rules/rule_nope', { method: 'PUT', body });
    assert.equal(unknown.status, 404);
    assert.equal(codeOf(unknown), 'GW_ERR_ADMIN_NOT_FOUND');

    const bad: object[] = [
      { ...body, id: 'rule_mine' },
      { ...body, createdAt: 1 },
      { ...body, source: 'preset' },
      { ...body, action: 'maybe' },
      { match: { category: 'pii', value: 'x', valueHash: 'h' }, action: 'allow', lifetime: { kind: 'always' } },
      { match: { category: 'money' }, action: 'allow', lifetime: { kind: 'always' } },
      { match: {}, action: 'allow', lifetime: { kind: 'until', until: Date.now() - 1 } },
      { match: {}, action: 'allow', lifetime: { kind: 'forever' } },
      { match: {}, action: 'allow' },
    ];
    for (const b of bad) {
      const res = await rig.api('/admin/rules', { body: b });
      assert.equal(res.status, 400, `${JSON.stringify(b)}: ${res.text}`);
      assert.equal(codeOf(res), 'GW_ERR_ADMIN_BAD_REQUEST');
    }
    assert.deepEqual(rig.gw.app.policy.rules, []);
  });
});
