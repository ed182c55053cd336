// Deciding held confirmations through the admin API, end to end: a real request held by the strict
// preset, found in GET /admin/confirmations, then approved (redacted or original) or denied; the
// client and the fake provider see the result. Also 404/409/400, touch, and the audited reveal.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Value } from '@sinclair/typebox/value';
import { PendingItemResponseSchema, PendingListSchema, type PendingList, type PendingView } from '../../../gateway/admin/contract.js';
import { postJson, type HttpResult } from '../../helpers/http.js';
import { startAdminRig, type AdminRig } from './rig.js';

const EMAIL = 'alice.held@example.com';
const codeOf = (res: HttpResult) => (res.json as { error: { code: string } }).error.code;

describe('admin API: deciding held confirmations', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig({ policy: { preset: 'strict' } });
  });
  after(() => rig.close());
  beforeEach(() => rig.fake.reset());

  /** Sends a chat request that strict holds; resolves once it is listed (within 1 s), with the client's pending response. */
  // Each call sends a payload of its own: an identical one would be an identical retry, joined or answered.
  let sent = 0;
  async function held(text = `write to ${EMAIL} today (#${++sent})`): Promise<{ item: PendingView; response: Promise<HttpResult> }> {
    const before = new Set(rig.gw.app.confirmations.list().map((p) => p.id));
    const response = postJson(rig.gw.url, '/v1/chat/completions', { model: 'gpt-test', messages: [{ role: 'user', content: text }] }, { authorization: 'Bearer sk-client' });
    const deadline = performance.now() + 1000;
    for (;;) {
      const list = await rig.api('/admin/confirmations');
      assert.equal(list.status, 200);
      assert.ok(Value.Check(PendingListSchema, list.json), list.text);
      const item = (list.json as PendingList).items.find((p) => !before.has(p.id));
      if (item) return { item, response };
      if (performance.now() > deadline) assert.fail('the held request did not appear in GET /admin/confirmations within 1 s');
      await sleep(10);
    }
  }

  const decide = (id: string, body: object) => rig.api(`/admin/confirmations/${id}/decision`, { body });

  it('lists a held request with a masked preview, and approve_redacted forwards the redacted body', async () => {
    const { item, response } = await held();
    assert.equal(item.status, 'pending');
    assert.equal(item.trigger.detector, 'email');
    assert.ok(!item.preview.includes(EMAIL), item.preview);
    assert.equal(rig.fake.requests.length, 0, 'nothing is forwarded while held');

    const res = await decide(item.id, { decision: 'approve_redacted', payloadHash: item.payloadHash });
    assert.equal(res.status, 200, res.text);
    assert.ok(Value.Check(PendingItemResponseSchema, res.json), res.text);
    const decided = (res.json as { item: PendingView }).item;
    assert.equal(decided.status, 'approved_redacted');
    assert.equal(decided.decidedBy, 'admin');

    const client = await response;
    assert.equal(client.status, 200, client.text);
    assert.ok(client.text.includes(EMAIL), 'the response is restored for the client');
    assert.equal(rig.fake.requests.length, 1);
    const sent = rig.fake.requests[0]!.body.toString('utf8');
    assert.ok(!sent.includes(EMAIL), sent);
    assert.match(sent, /\[\[EMAIL_[A-Z0-9]+\]\]/);
    assert.deepEqual(((await rig.api('/admin/confirmations')).json as PendingList).items, [], 'a decided item is no longer listed');
  });

  it('approve_original forwards the original value', async () => {
    const { item, response } = await held();
    assert.equal((await decide(item.id, { decision: 'approve_original' })).status, 200);
    assert.equal((await response).status, 200);
    assert.ok(rig.fake.requests[0]!.body.toString('utf8').includes(EMAIL));
  });

  it('deny answers the client 400 GW_ERR_CONFIRM_DENIED naming the pending id, and forwards nothing', async () => {
    const { item, response } = await held();
    const res = await decide(item.id, { decision: 'deny' });
    assert.equal(res.status, 200);
    assert.equal((res.json as { item: PendingView }).item.status, 'denied');
    const client = await response;
    assert.equal(client.status, 400);
    assert.equal(codeOf(client), 'GW_ERR_CONFIRM_DENIED');
    assert.ok(client.text.includes(item.id), client.text);
    assert.equal(rig.fake.requests.length, 0);
  });

  it('answers 404 for an unknown id and 409 once decided; a payload hash that differs is 409 and decides nothing', async () => {
    const unknown = await decide('pnd_doesnotexist', { decision: 'deny' });
    assert.equal(unknown.status, 404);
    assert.equal(codeOf(unknown), 'GW_ERR_ADMIN_NOT_FOUND');
    for (const path of ['touch', 'reveal']) assert.equal((await rig.api(`/admin/confirmations/pnd_doesnotexist/${path}`, { method: 'POST' })).status, 404, path);

    const { item, response } = await held();
    const stale = await decide(item.id, { decision: 'approve_original', payloadHash: 'another-payload' });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(codeOf(stale), 'GW_ERR_ADMIN_CONFLICT');
    assert.equal(rig.gw.app.confirmations.get(item.id)?.status, 'pending', 'still held');

    assert.equal((await decide(item.id, { decision: 'deny' })).status, 200);
    assert.equal((await response).status, 400);
    for (const again of [{ decision: 'approve_original' }, { decision: 'deny' }]) {
      const res = await decide(item.id, again);
      assert.equal(res.status, 409);
      assert.equal(codeOf(res), 'GW_ERR_ADMIN_CONFLICT');
      assert.match(res.text, /already denied/);
    }
    for (const path of ['touch', 'reveal']) assert.equal((await rig.api(`/admin/confirmations/${item.id}/${path}`, { method: 'POST' })).status, 409, path);
  });

  it('refuses bad bodies with 400 and leaves the item held', async () => {
    const { item, response } = await held();
    const bad: object[] = [
      {},
      { decision: 'approve' },
      { decision: 'deny', extra: 1 },
      { decision: 'deny', remember: { scope: 'universe', lifetime: 'always' } },
      { decision: 'deny', remember: { scope: 'value', lifetime: 'forever' } },
      { decision: 'deny', remember: { scope: 'value', lifetime: 'until' } },
      { decision: 'deny', remember: { scope: 'value', lifetime: 'until', until: Date.now() - 1000 } },
      { decision: 'deny', remember: { scope: 'value', lifetime: 'always', until: Date.now() + 60_000 } },
    ];
    for (const body of bad) {
      const res = await decide(item.id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(codeOf(res), 'GW_ERR_ADMIN_BAD_REQUEST');
    }
    assert.equal(rig.gw.app.confirmations.get(item.id)?.status, 'pending');
    assert.equal((await decide(item.id, { decision: 'deny' })).status, 200);
    await response;
  });

  it('touch extends the deadline; reveal returns the text, uncached, and is recorded in the item', async () => {
    const { item, response } = await held();
    await sleep(20);
    const touched = await rig.api(`/admin/confirmations/${item.id}/touch`, { method: 'POST' });
    assert.equal(touched.status, 200);
    assert.ok((touched.json as { item: PendingView }).item.expiresAt > item.expiresAt, 'the deadline moved later');

    const revealed = await rig.api(`/admin/confirmations/${item.id}/reveal`, { method: 'POST' });
    assert.equal(revealed.status, 200);
    assert.equal(revealed.headers['cache-control'], 'no-store');
    assert.ok((revealed.json as { text: string }).text.includes(EMAIL));
    const listed = ((await rig.api('/admin/confirmations')).json as PendingList).items.find((p) => p.id === item.id)!;
    assert.equal(listed.reveals.length, 1);
    assert.equal(listed.reveals[0]!.by, 'admin');
    assert.ok(!JSON.stringify(listed).includes(EMAIL), 'the listing never carries the value');

    assert.equal((await decide(item.id, { decision: 'deny' })).status, 200);
    await response;
  });

  it('remember turns the decision into a rule (until restart → a session rule) and announces rules.changed', async () => {
    const changes: unknown[] = [];
    const off = rig.gw.app.bus.on('rules.changed', (e) => changes.push(e));
    try {
      const { item, response } = await held();
      const res = await decide(item.id, { decision: 'approve_original', remember: { scope: 'category', lifetime: 'restart' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual((res.json as { item: PendingView }).item.remember, { scope: 'category', lifetime: 'restart' });
      await response;
      const rule = rig.gw.app.policy.rules.find((r) => r.source === 'remembered')!;
      assert.deepEqual(changes, [{ change: 'remembered', id: rule.id }]);
      assert.deepEqual((res.json as { item: PendingView }).item.rememberedRuleIds, [rule.id], 'the ids an undo deletes');
      assert.deepEqual(rule.match, { category: 'pii', detector: 'email' });
      assert.equal(rule.action, 'allow');
      assert.deepEqual(rule.lifetime, { kind: 'session', sessionId: rig.gw.app.policy.sessionId });

      // The next request with an email is no longer held.
      rig.fake.reset();
      const next = await postJson(rig.gw.url, '/v1/chat/completions', { model: 'gpt-test', messages: [{ role: 'user', content: `again ${EMAIL}` }] }, { authorization: 'Bearer sk-client' });
      assert.equal(next.status, 200);
      assert.ok(rig.fake.requests[0]!.body.toString('utf8').includes(EMAIL));
      await rig.gw.app.policy.remove(rule.id);
    } finally {
      off();
    }
  });

  it('"everything from this app" remembers one rule over every finding of the app; with send original it must be confirmed by name', async () => {
    const { item, response } = await held(`mail ${EMAIL} and call +1 415 555 0100 (#${++sent})`);
    const unconfirmed = await decide(item.id, { decision: 'approve_original', remember: { scope: 'everything', lifetime: 'always' } });
    assert.equal(unconfirmed.status, 409, unconfirmed.text);
    assert.equal(codeOf(unconfirmed), 'GW_ERR_RULE_NEEDS_CONFIRMATION');
    assert.match(unconfirmed.text, /remember\.confirmDisables/);
    assert.equal(rig.gw.app.confirmations.get(item.id)?.status, 'pending', 'nothing was decided');
    const res = await decide(item.id, { decision: 'approve_original', remember: { scope: 'everything', lifetime: 'always', confirmDisables: 'all' } });
    assert.equal(res.status, 200, res.text);
    await response;
    const ids = (res.json as { item: PendingView }).item.rememberedRuleIds!;
    assert.equal(ids.length, 1, 'one rule, whatever kinds of finding asked');
    const rule = rig.gw.app.policy.rules.find((r) => r.id === ids[0])!;
    assert.deepEqual(rule.match, { app: item.clientApp });
    assert.equal(rule.action, 'allow');
    await rig.gw.app.policy.remove(rule.id);

    // With "send redacted" it is a redact rule for the whole app, no confirmation needed.
    const second = await held();
    const redacted = await decide(second.item.id, { decision: 'approve_redacted', remember: { scope: 'everything', lifetime: 'restart' } });
    assert.equal(redacted.status, 200, redacted.text);
    await second.response;
    const r2 = rig.gw.app.policy.rules.find((r) => r.id === (redacted.json as { item: PendingView }).item.rememberedRuleIds![0])!;
    assert.deepEqual([r2.match, r2.action], [{ app: second.item.clientApp }, 'redact']);
    await rig.gw.app.policy.remove(r2.id);
  });
});
