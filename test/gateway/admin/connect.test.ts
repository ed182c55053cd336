// "Test this setup": a check started for a tool reports the first request the gateway sees from it
// afterwards (app, route, status, User-Agent), ignores earlier ones, lists other apps meanwhile, and
// can wait for a client key instead of an app name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { ConnectCheckResponseSchema, type ConnectCheck, type ConnectCheckResponse } from '../../../gateway/admin/contract.js';
import { chat, startAdminRig, type AdminRig } from './rig.js';

describe('admin API: test this setup', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig();
  });
  after(() => rig.close());

  const start = async (body: object): Promise<ConnectCheck> => {
    const res = await rig.api('/admin/connect/checks', { method: 'POST', body });
    assert.equal(res.status, 201, res.text);
    assert.ok(Value.Check(ConnectCheckResponseSchema, res.json), res.text);
    return (res.json as ConnectCheckResponse).check;
  };
  const poll = async (id: string): Promise<ConnectCheck> => {
    const res = await rig.api(`/admin/connect/checks/${id}`);
    assert.equal(res.status, 200, res.text);
    assert.ok(Value.Check(ConnectCheckResponseSchema, res.json), res.text);
    return (res.json as ConnectCheckResponse).check;
  };

  it('shows the first request from the tool after the check started, with app, route and status', async () => {
    await chat(rig, 'before the check', { 'user-agent': 'claude-cli/2.1.332 (external, cli)' }, '/v1/messages');
    const check = await start({ app: 'claude-code' });
    assert.equal((await poll(check.id)).seen, undefined, 'an earlier request does not count');

    await chat(rig, 'from another tool', { 'user-agent': 'curl/8.5.0' });
    const waiting = await poll(check.id);
    assert.equal(waiting.seen, undefined);
    assert.deepEqual(waiting.others.map((o) => [o.app, o.route]), [['curl', '/v1/chat/completions']]);

    await chat(rig, 'the first', { 'user-agent': 'claude-cli/2.1.332 (external, cli)' }, '/v1/messages');
    await chat(rig, 'the second', { 'user-agent': 'claude-cli/2.1.332 (external, cli)' }, '/v1/messages/count_tokens');
    const seen = (await poll(check.id)).seen!;
    assert.deepEqual([seen.app, seen.provider, seen.route, seen.status], ['claude-code', 'anthropic', '/v1/messages', 200]);
    assert.equal(seen.userAgent, 'claude-cli/2.1.332 (external, cli)');
  });

  it('waits for a client key when one is named', async () => {
    const created = await rig.api('/admin/keys', { method: 'POST', body: { name: 'laptop', app: 'cursor' } });
    const { id, key } = created.json as { id: string; key: string };
    const check = await start({ keyId: id });
    await chat(rig, 'no key', { 'user-agent': 'Cursor/1.7' });
    assert.equal((await poll(check.id)).seen, undefined);
    await chat(rig, 'with the key', { 'x-aegis-key': key });
    assert.equal((await poll(check.id)).seen?.keyId, id);
  });

  it('refuses a check that names nothing, and answers 404 for an unknown one', async () => {
    const empty = await rig.api('/admin/connect/checks', { method: 'POST', body: {} });
    assert.equal(empty.status, 400);
    const bad = await rig.api('/admin/connect/checks', { method: 'POST', body: { app: 'two words' } });
    assert.equal(bad.status, 400);
    assert.equal((await rig.api('/admin/connect/checks/chk_nope')).status, 404);
  });
});
