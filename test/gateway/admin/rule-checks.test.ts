// What the admin API refuses in a rule before saving it (a detector typo, a rule that can never match,
// an allow rule that turns protection off without saying so), how a deleted rule comes back with its
// id, and rule hit counts: counted per exchange, written with the audit's batches, kept across restarts.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { RuleChoicesSchema, RulesViewSchema, type Rule, type RuleChoices, type RulesView } from '../../../gateway/admin/contract.js';
import { startFakeProvider } from '../../fake-provider/index.js';
import { tempDir } from '../../helpers/gateway.js';
import type { HttpResult } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { chat, startAdminRig, type AdminRig } from './rig.js';

const errorOf = (res: HttpResult) => (res.json as { error: { code: string; message: string } }).error;
const ruleOf = (res: HttpResult) => (res.json as { rule: Rule }).rule;
const always = { kind: 'always' } as const;

describe('admin API: rule checks', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig({ scan: { denyTerms: [{ pattern: 'Project Falcon' }] } });
  });
  after(() => rig.close());
  beforeEach(async () => {
    for (const r of rig.gw.app.policy.rules) await rig.gw.app.policy.remove(r.id);
  });

  it('refuses a detector typo with GW_ERR_RULE_UNKNOWN_DETECTOR naming the nearest detector', async () => {
    const res = await rig.api('/admin/rules', { body: { match: { detector: 'emial' }, action: 'block', lifetime: always } });
    assert.equal(res.status, 400, res.text);
    assert.equal(errorOf(res).code, 'GW_ERR_RULE_UNKNOWN_DETECTOR');
    assert.match(errorOf(res).message, /field 'match\.detector': no detector "emial"; did you mean "email"\?/);
    for (const detector of ['email', 'aws-access-key', 'injection.role-syntax', 'guard.reverse-shell', 'custom:0']) {
      const ok = await rig.api('/admin/rules', { body: { match: { detector }, action: 'block', lifetime: always } });
      assert.equal(ok.status, 201, `${detector}: ${ok.text}`);
    }
    const gone = await rig.api('/admin/rules', { body: { match: { detector: 'custom:1' }, action: 'block', lifetime: always } });
    assert.equal(errorOf(gone).code, 'GW_ERR_RULE_UNKNOWN_DETECTOR', 'only deny terms that exist');
    assert.equal(rig.gw.app.policy.rules.length, 5);
  });

  it('refuses rules that can never match: a detector of another category, an app no request can carry', async () => {
    const wrong = await rig.api('/admin/rules', { body: { match: { category: 'secret', detector: 'email' }, action: 'block', lifetime: always } });
    assert.equal(wrong.status, 400);
    assert.equal(errorOf(wrong).code, 'GW_ERR_RULE_NEVER_MATCHES');
    assert.match(errorOf(wrong).message, /field 'match\.category': detector "email" finds pii, not secret/);

    const spaced = await rig.api('/admin/rules', { body: { match: { app: 'Claude Code' }, action: 'block', lifetime: always } });
    assert.equal(spaced.status, 400);
    assert.equal(errorOf(spaced).code, 'GW_ERR_RULE_NEVER_MATCHES');
    assert.match(errorOf(spaced).message, /field 'match\.app'/);
    // A client key's app may be any label, and then it can match.
    assert.equal((await rig.api('/admin/keys', { body: { name: 'laptop', app: 'Claude Code' } })).status, 201);
    assert.equal((await rig.api('/admin/rules', { body: { match: { app: 'Claude Code' }, action: 'block', lifetime: always } })).status, 201);
    assert.equal((await rig.api('/admin/rules', { body: { match: { app: 'claude-code' }, action: 'block', lifetime: always } })).status, 201);
  });

  it('an allow rule over every finding, or every one of a category, needs confirmDisables naming it (409 otherwise)', async () => {
    const cases: [object, string][] = [
      [{}, 'all'], [{ app: 'cursor' }, 'all'], [{ category: 'secret' }, 'secret'], [{ category: 'pii', provider: 'openai' }, 'pii'], [{ category: 'custom' }, 'custom'],
    ];
    for (const [match, scope] of cases) {
      const none = await rig.api('/admin/rules', { body: { match, action: 'allow', lifetime: always } });
      assert.equal(none.status, 409, JSON.stringify(match));
      assert.equal(errorOf(none).code, 'GW_ERR_RULE_NEEDS_CONFIRMATION');
      assert.match(errorOf(none).message, new RegExp(`confirmDisables: "${scope}"`));
      const wrong = await rig.api('/admin/rules', { body: { match, action: 'allow', lifetime: always, confirmDisables: scope === 'all' ? 'pii' : 'all' } });
      assert.equal(wrong.status, 409, `a confirmation of something else does not count: ${JSON.stringify(match)}`);
      const ok = await rig.api('/admin/rules', { body: { match, action: 'allow', lifetime: always, confirmDisables: scope } });
      assert.equal(ok.status, 201, ok.text);
    }
    // Narrow allow rules and other actions need nothing.
    for (const body of [
      { match: { detector: 'email' }, action: 'allow', lifetime: always },
      { match: { category: 'pii', value: 'ops@example.com' }, action: 'allow', lifetime: always },
      { match: { category: 'injection' }, action: 'allow', lifetime: always },
      { match: {}, action: 'redact', lifetime: always },
    ]) assert.equal((await rig.api('/admin/rules', { body })).status, 201, JSON.stringify(body));
  });

  it('a deleted rule comes back with the same id, creation time and source; an id in use is a conflict', async () => {
    const made = ruleOf(await rig.api('/admin/rules', { body: { match: { detector: 'email', app: 'cursor' }, action: 'block', lifetime: always, note: 'n' } }));
    assert.equal((await rig.api(`/admin/rules/${made.id}`, { method: 'DELETE' })).status, 204);
    const restore = { id: made.id, createdAt: made.createdAt, source: 'user' };
    const back = await rig.api('/admin/rules', { body: { match: made.match, action: made.action, lifetime: made.lifetime, note: made.note, restore } });
    assert.equal(back.status, 201, back.text);
    assert.deepEqual(ruleOf(back), made);
    const again = await rig.api('/admin/rules', { body: { match: made.match, action: made.action, lifetime: made.lifetime, restore } });
    assert.equal(again.status, 409);
    assert.equal(errorOf(again).code, 'GW_ERR_ADMIN_CONFLICT');
    const put = await rig.api(`/admin/rules/${made.id}`, { method: 'PUT', body: { match: made.match, action: 'redact', lifetime: always, restore } });
    assert.equal(put.status, 400, 'PUT never restores');
  });

  it('lists known detectors and the apps seen or keyed, for the pickers', async () => {
    await chat(rig, 'hello', { 'x-aegis-app': 'picker-test-app' });
    const res = await rig.api('/admin/rules/choices');
    assert.equal(res.status, 200);
    assert.ok(Value.Check(RuleChoicesSchema, res.json), res.text);
    const choices = res.json as RuleChoices;
    assert.deepEqual(choices.detectors.find((d) => d.id === 'email'), { id: 'email', category: 'pii' });
    assert.ok(choices.detectors.some((d) => d.id === 'custom:0' && d.category === 'custom'));
    assert.ok(choices.apps.includes('picker-test-app'));
    assert.ok(choices.apps.includes('Claude Code'), 'the app of the key made above');
  });
});

describe('rule hit counts', () => {
  it('count each exchange a rule decides, with its last match; written with the audit batches; kept across a restart', async () => {
    const fake = await startFakeProvider();
    const dataDir = tempDir();
    try {
      const first = await startAdminRig({}, { fake, dataDir });
      const rule = ruleOf(await first.api('/admin/rules', { body: { match: { detector: 'email' }, action: 'block', lifetime: always } }));
      const t0 = Date.now();
      // Two emails in one request are one hit: the rule decided one exchange.
      await chat(first, 'mail a@example.com and b@example.com');
      await chat(first, 'mail c@example.com');
      await chat(first, 'nothing to find here');
      // Written by the audit's write-behind, without any admin read.
      let stored = 0;
      const poll = setInterval(() => void first.gw.store.rules.hits().then((all) => (stored = all.find((h) => h.ruleId === rule.id)?.hits ?? 0)), 10);
      try {
        await waitUntil(() => stored === 2, 'hits in the store');
      } finally {
        clearInterval(poll);
      }
      const view = (await first.api('/admin/rules')).json as RulesView;
      assert.ok(Value.Check(RulesViewSchema, view));
      const listed = view.rules.find((r) => r.id === rule.id)!;
      assert.equal(listed.hits, 2);
      assert.ok(listed.lastHitAt! >= t0 && listed.lastHitAt! <= Date.now());
      // Redacted by a preset rule; the count reaches the store when the gateway closes, at the latest.
      await chat(first, `token ghp_${'aB3dE5fG7h'.repeat(3)}k9L2m4`);
      await first.close();

      const again = await startAdminRig({}, { fake, dataDir });
      try {
        const after = (await again.api('/admin/rules')).json as RulesView;
        assert.equal(after.rules.find((r) => r.id === rule.id)!.hits, 2);
        const presetHits = after.presetRules.reduce((n, r) => n + r.hits, 0);
        assert.ok(presetHits >= 1, 'the preset rule that redacted the key was counted, and written at close');
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await fake.close();
    }
  });
});
