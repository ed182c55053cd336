// Client keys (create shows the key once, list never does, revoke by id) and managed provider keys,
// which are write-only: no response, stream, log line or audit event ever carries one.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import pino from 'pino';
import { ClientKeyListSchema, CreatedClientKeySchema, HealthSchema, type ClientKeyList, type ConfigView, type CreatedClientKey, type Health } from '../../../gateway/admin/contract.js';
import { startAdminRig, type AdminRig } from './rig.js';

const errorOf = (json: unknown) => (json as { error: { code: string; message: string } }).error;

describe('admin client keys', () => {
  let rig: AdminRig;
  before(async () => (rig = await startAdminRig()));
  after(() => rig.close());

  it('creates a key shown once (201), lists it without the key, revokes it (204), then 404s', async () => {
    const created = await rig.api('/admin/keys', { method: 'POST', body: { name: 'laptop', app: 'claude-code' } });
    assert.equal(created.status, 201);
    assert.ok(Value.Check(CreatedClientKeySchema, created.json), created.text);
    const { id, key, record } = created.json as CreatedClientKey;
    assert.match(key, /^agk_[0-9A-Za-z]{43}$/);
    assert.deepEqual({ id: record.id, name: record.name, app: record.app }, { id, name: 'laptop', app: 'claude-code' });

    const list = await rig.api('/admin/keys');
    assert.ok(Value.Check(ClientKeyListSchema, list.json), list.text);
    const listed = (list.json as ClientKeyList).keys.find((k) => k.id === id);
    assert.ok(listed);
    assert.equal(listed.revokedAt, undefined);
    assert.ok(!list.text.includes(key) && !list.text.includes(key.slice(4)), 'the key is never listed');
    assert.doesNotMatch(list.text, /hash/i);

    assert.ok(await rig.gw.store.clientKeys.verify(key), 'the key works before revocation');
    const revoked = await rig.api(`/admin/keys/${id}`, { method: 'DELETE' });
    assert.equal(revoked.status, 204);
    assert.equal(revoked.text, '');
    assert.equal(await rig.gw.store.clientKeys.verify(key), undefined);
    const after = ((await rig.api('/admin/keys')).json as ClientKeyList).keys.find((k) => k.id === id);
    assert.ok(after?.revokedAt !== undefined);

    for (const target of [id, 'ck_doesNotExist']) {
      const again = await rig.api(`/admin/keys/${target}`, { method: 'DELETE' });
      assert.equal(again.status, 404);
      assert.equal(errorOf(again.json).code, 'GW_ERR_ADMIN_NOT_FOUND');
    }
  });

  it('validates the body: name and app required, bounded, no control characters, nothing else', async () => {
    const cases: [unknown, string][] = [
      [{ app: 'x' }, 'name'],
      [{ name: 'x' }, 'app'],
      [{ name: '', app: 'x' }, 'name'],
      [{ name: 'x'.repeat(101), app: 'x' }, 'name'],
      [{ name: 'line\nbreak', app: 'x' }, 'name'],
      [{ name: 'x', app: 'y', key: 'agk_mine' }, 'key'],
    ];
    for (const [body, field] of cases) {
      const res = await rig.api('/admin/keys', { method: 'POST', body: body as object });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(errorOf(res.json).code, 'GW_ERR_ADMIN_BAD_REQUEST');
      assert.match(errorOf(res.json).message, new RegExp(`body field '${field}'`));
    }
  });
});

describe('admin managed provider keys', () => {
  let rig: AdminRig;
  let logs = '';
  const secret = 'sk-proj-MANAGEDCANARY-9f8e7d6c5b4a3210';
  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString('utf8');
        done();
      },
    });
    rig = await startAdminRig({}, { logger: pino({ level: 'trace' }, sink) });
  });
  after(() => rig.close());

  it('stores a key write-only: responses, config, health, stream and logs say managedKey, never the key', async () => {
    const put = await rig.api('/admin/providers/openai/key', { method: 'PUT', body: { key: secret } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json, { provider: 'openai', managedKey: true });
    assert.equal(await rig.gw.store.providerKeys.getProviderKey('openai'), secret);

    const config = await rig.api('/admin/config');
    assert.deepEqual((config.json as ConfigView).providers, { openai: { managedKey: true }, anthropic: { managedKey: false } });
    const health = await rig.api('/admin/health');
    assert.ok(Value.Check(HealthSchema, health.json), health.text);
    assert.equal((health.json as Health).providers.openai.managedKey, true);
    assert.equal((health.json as Health).providers.anthropic.managedKey, false);

    const replaced = await rig.api('/admin/providers/openai/key', { method: 'PUT', body: { key: `${secret}-v2` } });
    assert.equal(replaced.status, 200);
    assert.equal(await rig.gw.store.providerKeys.getProviderKey('openai'), `${secret}-v2`);

    const seen = [put, config, health, replaced, await rig.api('/admin/keys'), await rig.api('/admin/audit'), await rig.api('/admin/audit/export')];
    for (const res of seen) assert.ok(!res.text.includes(secret), res.text.slice(0, 200));
    assert.ok(logs.length > 0, 'the trace-level logger was used');
    assert.ok(!logs.includes(secret), 'the key is not in the logs');
    assert.ok(!logs.includes('MANAGEDCANARY'));
  });

  it('removes a key idempotently', async () => {
    await rig.api('/admin/providers/anthropic/key', { method: 'PUT', body: { key: 'sk-ant-REMOVEME' } });
    for (let i = 0; i < 2; i++) {
      const res = await rig.api('/admin/providers/anthropic/key', { method: 'DELETE' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { provider: 'anthropic', managedKey: false });
    }
    assert.equal(await rig.gw.store.providerKeys.hasProviderKey('anthropic'), false);
  });

  it('refuses unknown providers and keys that cannot go in a header, naming the field', async () => {
    const unknown = await rig.api('/admin/providers/mistral/key', { method: 'PUT', body: { key: 'sk-x' } });
    assert.equal(unknown.status, 404);
    assert.equal(errorOf(unknown.json).code, 'GW_ERR_ADMIN_NOT_FOUND');
    assert.match(errorOf(unknown.json).message, /no provider named mistral is configured/);
    const bad = await rig.api('/admin/providers/Not%20A%20Name/key', { method: 'PUT', body: { key: 'sk-x' } });
    assert.equal(bad.status, 400);
    assert.match(errorOf(bad.json).message, /params field 'provider'/);
    for (const key of ['', 'has space', 'line\nbreak', 'ünïcode', 'x'.repeat(4097)]) {
      const res = await rig.api('/admin/providers/openai/key', { method: 'PUT', body: { key } });
      assert.equal(res.status, 400, JSON.stringify(key));
      assert.match(errorOf(res.json).message, /body field 'key'/);
      assert.ok(!res.text.includes('has space') && !res.text.includes('ünïcode'), 'a refused key is not echoed');
    }
    assert.equal((await rig.api('/admin/providers/openai/key', { method: 'PUT', body: {} })).status, 400);
  });
});
