// GET/PUT /admin/config: the effective config and the admin overlay; a PUT is validated (errors name
// the field and change nothing), persisted across restarts, and applied without one.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { ConfigUpdateResponseSchema, ConfigViewSchema, type ConfigUpdateResponse, type ConfigView } from '../../../gateway/admin/contract.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { tempDir } from '../../helpers/gateway.js';
import { chat, startAdminRig, type AdminRig } from './rig.js';

const errorOf = (json: unknown) => (json as { error: { code: string; message: string } }).error;

describe('admin config', () => {
  let rig: AdminRig;
  let second: FakeProvider;
  before(async () => {
    second = await startFakeProvider();
    rig = await startAdminRig();
  });
  after(async () => {
    await rig.close();
    await second.close();
  });

  it('GET shows the effective config, an empty overlay and no managed keys', async () => {
    const res = await rig.api('/admin/config');
    assert.equal(res.status, 200);
    assert.ok(Value.Check(ConfigViewSchema, res.json), res.text);
    const view = res.json as ConfigView;
    assert.deepEqual(view.config, rig.gw.runtime.current);
    assert.deepEqual(view.overlay, {});
    assert.deepEqual(view.providers, { openai: { managedKey: false }, anthropic: { managedKey: false } });
  });

  it('refuses invalid patches with 400 GW_ERR_CONFIG_INVALID naming the field, and changes nothing', async () => {
    const before = rig.gw.runtime.current;
    const cases: [unknown, string][] = [
      [{ limits: { bodyBytes: 'big' } }, 'limits.bodyBytes'],
      [{ audit: { retentionDays: 0 } }, 'audit.retentionDays'],
      [{ providers: { openai: { baseUrl: 'ftp://example.com' } } }, 'providers.openai.baseUrl'],
      [{ providers: { mistral: { baseUrl: 'https://api.mistral.ai' } } }, 'providers.mistral.kind'],
      [{ providers: { Mistral: { kind: 'openai', baseUrl: 'https://api.mistral.ai' } } }, 'providers.Mistral'],
      [{ routing: { models: [{ match: 'x*', provider: 'nowhere' }] } }, 'routing.models.0.provider'],
      [{ limitz: {} }, 'limitz'],
      [{ log: { level: 'loud' } }, 'log.level'],
      [[1, 2], '(root)'],
      ['text', '(root)'],
    ];
    for (const [body, field] of cases) {
      const res = await rig.api('/admin/config', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 400, JSON.stringify(body));
      const err = errorOf(res.json);
      assert.equal(err.code, 'GW_ERR_CONFIG_INVALID', JSON.stringify(body));
      assert.ok(err.message.includes(`'${field}'`), `${err.message} names ${field}`);
    }
    assert.equal(rig.gw.runtime.current, before);
    assert.deepEqual((await rig.api('/admin/config')).json, { config: before, overlay: {}, providers: { openai: { managedKey: false }, anthropic: { managedKey: false } }, overrides: {} });
  });

  it('refuses bodies that are not JSON', async () => {
    const plain = await rig.api('/admin/config', { method: 'PUT', body: 'port=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(plain.status, 415);
    const broken = await rig.api('/admin/config', { method: 'PUT', body: '{"port":', headers: { 'content-type': 'application/json' } });
    assert.equal(broken.status, 400);
    assert.equal(errorOf(broken.json).code, 'GW_ERR_BODY_INVALID_JSON');
  });

  it('applies a new upstream base URL to the next request, without a restart', async () => {
    const firstBefore = rig.fake.requests.length;
    await chat(rig, 'to the first provider');
    assert.equal(rig.fake.requests.length, firstBefore + 1);

    const res = await rig.api('/admin/config', { method: 'PUT', body: { providers: { openai: { baseUrl: second.url } } } });
    assert.equal(res.status, 200, res.text);
    assert.ok(Value.Check(ConfigUpdateResponseSchema, res.json), res.text);
    const body = res.json as ConfigUpdateResponse;
    assert.equal(body.config.providers.openai.baseUrl, second.url);
    assert.deepEqual(body.overlay, { providers: { openai: { baseUrl: second.url } } });
    assert.deepEqual(body.restartRequired, []);

    const secondBefore = second.requests.length;
    const event = await chat(rig, 'to the second provider');
    assert.equal(event.status, 200);
    assert.equal(second.requests.length, secondBefore + 1);
    assert.equal(rig.fake.requests.length, firstBefore + 1);
  });

  it('lists boot-time fields in restartRequired, and merges concurrent patches without losing one', async () => {
    const res = await rig.api('/admin/config', { method: 'PUT', body: { port: 45678, audit: { retentionDays: 7 } } });
    // Audit retention is handed to the store when it opens, so it is a boot-time field too.
    assert.deepEqual((res.json as ConfigUpdateResponse).restartRequired, ['port', 'audit.retentionDays']);
    const [a, b] = await Promise.all([
      rig.api('/admin/config', { method: 'PUT', body: { rateLimit: { burst: 11 } } }),
      rig.api('/admin/config', { method: 'PUT', body: { rateLimit: { concurrent: 12 } } }),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    const view = (await rig.api('/admin/config')).json as ConfigView;
    assert.deepEqual(view.overlay.rateLimit, { burst: 11, concurrent: 12 });
    assert.equal(view.config.rateLimit.burst, 11);
    assert.equal(view.config.rateLimit.concurrent, 12);
  });
});

describe('admin config across a restart', () => {
  it('keeps the overlay: the changed base URL still applies after restarting over the same data dir', async () => {
    const [one, two] = await Promise.all([startFakeProvider(), startFakeProvider()]);
    const dataDir = tempDir();
    try {
      const first = await startAdminRig({}, { fake: one, dataDir });
      assert.equal((await first.api('/admin/config', { method: 'PUT', body: { providers: { openai: { baseUrl: two.url } } } })).status, 200);
      await first.close();

      const again = await startAdminRig({}, { fake: one, dataDir });
      try {
        assert.equal(again.gw.runtime.current.providers.openai.baseUrl, two.url);
        const view = (await again.api('/admin/config')).json as ConfigView;
        assert.deepEqual(view.overlay, { providers: { openai: { baseUrl: two.url } } });
        const before = two.requests.length;
        await chat(again, 'after restart');
        assert.equal(two.requests.length, before + 1);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('admin config with units', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig();
  });
  after(async () => rig.close());

  it('takes sizes and durations with units, stores them as integers, and names the field of a bad unit', async () => {
    const put = (body: unknown) => rig.api('/admin/config', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const bad = await put({ limits: { streamDurationMs: '30parsecs' } });
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad.json).code, 'GW_ERR_CONFIG_INVALID');
    assert.match(errorOf(bad.json).message, /'limits\.streamDurationMs'.*unknown unit "parsecs".*ms, s/);
    const res = await put({ limits: { bodyBytes: '8MiB', streamDurationMs: '30m' }, confirm: { timeoutSec: '2m' } });
    assert.equal(res.status, 200, res.text);
    const view = res.json as ConfigUpdateResponse;
    assert.equal(view.config.limits.bodyBytes, 8 * 1024 * 1024);
    assert.equal(view.config.limits.streamDurationMs, 1_800_000);
    assert.equal(view.config.confirm.timeoutSec, 120);
    assert.deepEqual(view.overlay, { limits: { bodyBytes: 8 * 1024 * 1024, streamDurationMs: 1_800_000 }, confirm: { timeoutSec: 120 } });
  });
});
