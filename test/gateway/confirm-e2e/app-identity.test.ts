// App identity end to end: the official SDKs and the Vercel AI SDK's two User-Agents each appear as
// one app (one placeholder scope, one audit name), x-aegis-app names an app and never leaves, a client
// key's app wins over it, and the audit detail keeps the User-Agent (masked) through the store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { postJson } from '../../helpers/http.js';
import { PLACEHOLDER } from './values.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';

const EMAIL = 'dora.identity@corp.example';
const chat = (text: string) => ({ model: 'm', messages: [{ role: 'user', content: text }] });

describe('app identity through the gateway', () => {
  let rig: ConfirmRig;
  before(async () => {
    rig = await startConfirmRig();
  });
  after(() => rig.close());

  const lastAudit = (what: string, since: number) => rig.audit((e) => rig.audits.indexOf(e) >= since, what);

  it('the official SDKs are openai-sdk and anthropic-sdk, with their User-Agent in the audit', async () => {
    let since = rig.audits.length;
    await rig.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const openai = await lastAudit('the OpenAI SDK call', since);
    assert.equal(openai.client.app, 'openai-sdk');
    assert.match(openai.userAgent ?? '', /^OpenAI\/JS \d/);
    since = rig.audits.length;
    await rig.anthropic.messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] });
    const anthropic = await lastAudit('the Anthropic SDK call', since);
    assert.equal(anthropic.client.app, 'anthropic-sdk');
    assert.match(anthropic.userAgent ?? '', /^Anthropic\/JS \d/);
  });

  it("the Vercel AI SDK's generateText (ai/…) and streamText (ai-sdk/…) are one app with one placeholder", async () => {
    const since = rig.audits.length;
    rig.fake.reset();
    for (const ua of ['ai/6.0.333 ai-sdk/openai/3.0.141 runtime/node.js/v20', 'ai-sdk/openai/3.0.141 runtime/node.js/v20']) {
      const res = await postJson(rig.gw.url, '/v1/chat/completions', chat(`mail ${EMAIL}`), { 'user-agent': ua });
      assert.equal(res.status, 200, res.text);
    }
    const sent = rig.fake.requests.map((r) => (r.json as { messages: { content: string }[] }).messages[0]!.content);
    const [a, b] = sent.map((t) => PLACEHOLDER.exec(t)?.[0]);
    assert.ok(a && a === b, `one scope, one placeholder: ${sent.join(' | ')}`);
    await rig.audit((e) => rig.audits.indexOf(e) >= since + 1, 'both audit events');
    assert.deepEqual(rig.audits.slice(since).map((e) => e.client.app), ['vercel-ai-sdk', 'vercel-ai-sdk']);
  });

  it('x-aegis-app names the app and is never forwarded; a client key names it over the header', async () => {
    rig.fake.reset();
    let since = rig.audits.length;
    await postJson(rig.gw.url, '/v1/chat/completions', chat('hello'), { 'user-agent': 'curl/8.5.0', 'x-aegis-app': 'billing-bot' });
    assert.equal((await lastAudit('the named call', since)).client.app, 'billing-bot');
    assert.equal(rig.fake.requests[0]!.headers['x-aegis-app'], undefined);

    const created = await rig.admin('/admin/keys', { method: 'POST', body: { name: 'ci', app: 'release-pipeline' } });
    assert.equal(created.status, 201, created.text);
    const { key } = created.json as { key: string };
    since = rig.audits.length;
    await postJson(rig.gw.url, '/v1/chat/completions', chat('hello'), { 'x-aegis-key': key, 'x-aegis-app': 'pretender' });
    assert.equal((await lastAudit('the keyed call', since)).client.app, 'release-pipeline');
  });

  it('the User-Agent is masked where a detector flags it, and survives the store', async () => {
    const since = rig.audits.length;
    await postJson(rig.gw.url, '/v1/chat/completions', chat('hello'), { 'user-agent': `acme-agent/2.0 (ops ${EMAIL})` });
    const event = await lastAudit('the call', since);
    assert.equal(event.userAgent, 'acme-agent/2.0 (ops [EMAIL])');
    let stored: AuditEvent | undefined;
    for (let i = 0; i < 50 && !stored; i++) {
      const page = await rig.admin('/admin/audit?client=acme-agent&limit=5');
      stored = (page.json as { events: AuditEvent[] }).events.find((e) => e.id === event.id);
      if (!stored) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(stored?.userAgent, 'acme-agent/2.0 (ops [EMAIL])');
    assert.ok(!JSON.stringify(stored).includes(EMAIL));
  });
});
