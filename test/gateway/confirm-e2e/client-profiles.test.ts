// Per-client profiles: a client key's own preset replaces the global one for its requests, and rules
// may name a client key (by id), an app, or both. Same body, different clients, different outcomes,
// through the real gateway, the admin API and the fake provider.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ClientKey, CreatedClientKey } from '../../../gateway/admin/contract.js';
import { failure, ok } from './outcome.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { PLACEHOLDER } from './values.js';

const EMAIL = 'alice.profile@example.com';
const BODY = `mail the report to ${EMAIL}`;

describe('per-client profiles (global preset balanced)', () => {
  let rig: ConfirmRig;
  let agent: CreatedClientKey;
  let batch: CreatedClientKey;
  const client = (key?: CreatedClientKey) =>
    new OpenAI({ apiKey: 'sk-test', baseURL: `${rig.gw.url}/v1`, maxRetries: 0, defaultHeaders: key ? { 'x-aegis-key': key.key } : {} });
  const chat = (key?: CreatedClientKey) => () => client(key).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: BODY }] });
  const upstreamText = (): string => rig.fake.requests.at(-1)!.body.toString('utf8');
  const setPreset = async (key: CreatedClientKey, preset: string | null) => {
    const res = await rig.admin(`/admin/keys/${key.id}`, { method: 'PATCH', body: { preset } });
    assert.equal(res.status, 200, res.text);
    return res.json as ClientKey;
  };

  before(async () => {
    rig = await startConfirmRig({ confirm: { timeoutSec: 20 } });
    const create = async (body: object) => (await rig.admin('/admin/keys', { method: 'POST', body })).json as CreatedClientKey;
    agent = await create({ name: 'coding agent', app: 'claude-code', preset: 'strict' });
    batch = await create({ name: 'nightly batch', app: 'etl' });
  });
  after(() => rig.close());
  beforeEach(() => rig.fake.reset());

  it('the same body is held for the strict key and passes, redacted, for another key and for an anonymous client', async () => {
    assert.equal(agent.record.preset, 'strict');
    const { item, result } = await rig.held(chat(agent));
    assert.equal(item.clientKeyId, agent.id);
    assert.equal(item.trigger.ruleId, 'preset:strict:all');
    assert.equal(rig.fake.requests.length, 0, 'nothing reaches the provider while held');
    await rig.decide(item.id, 'deny');
    assert.equal(failure(await result).code, 'GW_ERR_CONFIRM_DENIED');

    for (const key of [batch, undefined]) {
      const reply = ok(await rig.notHeld(chat(key)));
      assert.equal(reply.choices[0]!.message.content, `echo: ${BODY}`, 'restored for the client');
      assert.ok(!upstreamText().includes(EMAIL));
      assert.match(upstreamText(), PLACEHOLDER);
    }
  });

  it('a preset set later through PATCH applies from the next request; null returns the key to the global preset', async () => {
    assert.equal((await setPreset(batch, 'strict')).preset, 'strict');
    const { item, result } = await rig.held(chat(batch));
    await rig.decide(item.id, 'deny');
    failure(await result);

    const cleared = await setPreset(batch, null);
    assert.equal(cleared.preset, undefined);
    ok(await rig.notHeld(chat(batch)));
  });

  it('a permissive key passes what the global strict preset holds', async () => {
    await rig.gw.runtime.update({ policy: { preset: 'strict' } });
    try {
      await setPreset(batch, 'permissive');
      const { item, result } = await rig.held(chat());
      await rig.decide(item.id, 'deny');
      failure(await result);
      ok(await rig.notHeld(chat(batch)));
      assert.ok(!upstreamText().includes(EMAIL), 'permissive still redacts');
    } finally {
      await setPreset(batch, null);
      await rig.gw.runtime.update({ policy: { preset: 'balanced' } });
    }
  });

  it('a rule naming a client key applies to that key only; with an app as well, both must match', async () => {
    const make = async (match: object) => {
      const res = await rig.admin('/admin/rules', { method: 'POST', body: { match, action: 'allow', lifetime: { kind: 'always' } } });
      assert.equal(res.status, 201, res.text);
      return (res.json as { rule: { id: string } }).rule.id;
    };
    const byKey = await make({ clientKeyId: batch.id, detector: 'email' });
    ok(await rig.notHeld(chat(batch)));
    assert.ok(upstreamText().includes(EMAIL), 'the rule allowed the email for this key');
    ok(await rig.notHeld(chat()));
    assert.ok(!upstreamText().includes(EMAIL), 'an anonymous client is still redacted');
    await rig.admin(`/admin/rules/${byKey}`, { method: 'DELETE' });

    // Key and app: the batch key's app is `etl`, so a rule for the key in another app never matches.
    const mismatched = await make({ clientKeyId: batch.id, app: 'claude-code', detector: 'email' });
    ok(await rig.notHeld(chat(batch)));
    assert.ok(!upstreamText().includes(EMAIL));
    await rig.admin(`/admin/rules/${mismatched}`, { method: 'DELETE' });
    const both = await make({ clientKeyId: batch.id, app: 'etl', detector: 'email' });
    ok(await rig.notHeld(chat(batch)));
    assert.ok(upstreamText().includes(EMAIL));
    await rig.admin(`/admin/rules/${both}`, { method: 'DELETE' });
  });

  it('PATCH refuses an unknown preset (400) and an unknown or revoked key (404)', async () => {
    const bad = await rig.admin(`/admin/keys/${batch.id}`, { method: 'PATCH', body: { preset: 'paranoid' } });
    assert.equal(bad.status, 400);
    const unknown = await rig.admin('/admin/keys/ck_nope', { method: 'PATCH', body: { preset: 'strict' } });
    assert.equal(unknown.status, 404);
  });
});
