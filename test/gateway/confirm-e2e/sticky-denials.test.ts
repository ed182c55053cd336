// Denials that stick, seen from the clients: the official SDKs with their default retries make one
// attempt (no auth error, x-should-retry: false); a client that retries anyway gets the same answer
// with no new question; identical requests while one is held share that one item, counted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { PendingList } from '../../../gateway/admin/contract.js';
import { postJson } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { awsKey } from './values.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';

describe('denials and timeouts that stick', () => {
  let rig: ConfirmRig;
  let added = 0;
  before(async () => {
    rig = await startConfirmRig();
    rig.gw.app.bus.on('pending.added', () => added++);
  });
  after(() => rig.close());

  it('the OpenAI SDK, retries on (its default), makes one attempt and reports no authentication failure', async () => {
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${rig.gw.url}/v1` });
    let attempts = 0;
    const off = rig.gw.app.bus.on('audit', (e) => e.route === '/v1/chat/completions' && attempts++);
    const { item, result } = await rig.held(() => openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: `deploy ${awsKey(80)}` }] }));
    await rig.decide(item.id, 'deny');
    const outcome = await result;
    assert.ok(!outcome.ok);
    assert.deepEqual([outcome.error.status, outcome.error.code], [400, 'GW_ERR_CONFIRM_DENIED']);
    await new Promise((r) => setTimeout(r, 300));
    off();
    assert.equal(attempts, 1, 'the SDK did not retry');
  });

  it('the Anthropic SDK, retries on, gets 451 once: not an authentication or permission error', async () => {
    const anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: rig.gw.url });
    const before = added;
    const pending = anthropic.messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: `deploy ${awsKey(81)}` }] });
    await waitUntil(() => rig.gw.app.confirmations.count === 1, 'the hold');
    await rig.decide(rig.gw.app.confirmations.list()[0]!.id, 'deny');
    const err = await pending.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Anthropic.APIError && !(err instanceof Anthropic.AuthenticationError) && !(err instanceof Anthropic.PermissionDeniedError), String(err));
    assert.equal(err.status, 451);
    assert.equal(added - before, 1);
  });

  it('a raw identical retry after the denial is answered at once, no new question, with the same pending id', async () => {
    const body = { model: 'm', messages: [{ role: 'user', content: `ship ${awsKey(82)}` }] };
    const first = postJson(rig.gw.url, '/v1/chat/completions', body, { 'user-agent': 'codex_exec/0.171.0' });
    await waitUntil(() => rig.gw.app.confirmations.count === 1, 'the hold');
    const id = rig.gw.app.confirmations.list()[0]!.id;
    await rig.decide(id, 'deny');
    const denied = await first;
    assert.equal(denied.status, 400);
    assert.equal(denied.headers['x-should-retry'], 'false');
    const type = (denied.json as { error: { type: string } }).error.type;
    assert.ok(!/auth|permission/.test(type), type);

    const before = added;
    const since = rig.audits.length;
    const retries = await Promise.all([1, 2, 3, 4, 5].map(() => postJson(rig.gw.url, '/v1/chat/completions', body, { 'user-agent': 'codex_exec/0.171.0' })));
    for (const r of retries) {
      assert.equal(r.status, 400);
      assert.match((r.json as { error: { message: string } }).error.message, new RegExp(`identical to ${id}`));
    }
    assert.equal(added, before, 'no new confirmation');
    await waitUntil(() => rig.audits.length >= since + 5, 'the retries are audited');
    assert.deepEqual(new Set(rig.audits.slice(since).map((e) => `${e.pendingId} ${e.decision} ${e.errorCode}`)), new Set([`${id} denied GW_ERR_CONFIRM_DENIED`]));
    assert.equal(rig.fake.requests.length, 0, 'nothing forwarded');
  });

  it('identical requests while one is held are one item with a retry count, and one approval answers all', async () => {
    rig.fake.reset();
    const body = { model: 'm', messages: [{ role: 'user', content: `build ${awsKey(83)}` }] };
    const calls = [postJson(rig.gw.url, '/v1/chat/completions', body)];
    await waitUntil(() => rig.gw.app.confirmations.count === 1, 'the hold');
    calls.push(postJson(rig.gw.url, '/v1/chat/completions', body), postJson(rig.gw.url, '/v1/chat/completions', body));
    await waitUntil(() => rig.gw.app.confirmations.list()[0]?.retries === 2, 'two joined retries');
    const listed = (await rig.admin('/admin/confirmations')).json as PendingList;
    assert.equal(listed.items.length, 1);
    assert.equal(listed.items[0]!.retries, 2);
    await rig.decide(listed.items[0]!.id, 'approve_redacted');
    for (const res of await Promise.all(calls)) assert.equal(res.status, 200, res.text);
    assert.equal(rig.fake.requests.length, 3, 'each waiting request is forwarded once, redacted');
    for (const r of rig.fake.requests) assert.ok(!r.body.toString().includes(awsKey(83)));
  });
});
