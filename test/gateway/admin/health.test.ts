// GET /admin/health (status, version, URL, data dir, store report, audit queue, upstream in-flight,
// draining) and GET /admin/stats (the per-second series for the last 1 or 15 minutes).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { HealthSchema, StatsResponseSchema, type Health, type StatsResponse } from '../../../gateway/admin/contract.js';
import { VERSION } from '../../../gateway/version.js';
import { postJson } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { chat, startAdminRig, type AdminRig } from './rig.js';

const slowChat = (rig: AdminRig, delayMs: number) =>
  postJson(rig.gw.url, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'slow' }] }, { authorization: 'Bearer sk-x', 'x-fake-delay-ms': String(delayMs) });

describe('admin health', () => {
  let rig: AdminRig;
  before(async () => (rig = await startAdminRig()));
  after(() => rig.close());

  it('reports status, version, listening URL, data dir, store startup, audit queue and providers', async () => {
    const res = await rig.api('/admin/health');
    assert.equal(res.status, 200);
    assert.ok(Value.Check(HealthSchema, res.json), res.text);
    const h = res.json as Health;
    assert.equal(h.status, 'ok');
    assert.equal(h.draining, false);
    assert.equal(h.version, VERSION);
    assert.equal(h.url, rig.gw.url);
    assert.equal(h.dataDir, rig.gw.dataDir);
    assert.deepEqual(h.store, { uncleanShutdown: false, integrity: 'skipped', abandonedPending: 0 });
    assert.equal(h.audit.enabled, true);
    assert.equal(h.audit.queueCapacity, rig.gw.config.audit.queueCapacity);
    assert.ok(h.uptimeSec >= 0 && h.uptimeSec < 600);
    assert.equal(h.providers.openai.baseUrl, rig.fake.url);
    assert.equal(h.upstream.inFlight, 0);
  });

  it('counts upstream requests in flight', async () => {
    const pending = slowChat(rig, 600);
    await waitUntil(() => rig.fake.requests.length === 1, 'the request to reach upstream');
    const h = (await rig.api('/admin/health')).json as Health;
    assert.equal(h.upstream.inFlight, 1);
    assert.equal((await pending).status, 200);
  });
});

describe('admin health: upstreams from real traffic', () => {
  let rig: AdminRig;
  before(async () => (rig = await startAdminRig()));
  after(() => rig.close());
  const send = (scenario?: string, path = '/v1/chat/completions') =>
    postJson(rig.gw.url, path, { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }, { authorization: 'Bearer sk-x', 'x-api-key': 'sk-x', ...(scenario && { 'x-fake-scenario': scenario }) });
  const upstream = async (provider: string) => {
    const h = (await rig.api('/admin/health')).json as Health;
    assert.ok(Value.Check(HealthSchema, h));
    return h.upstreams.find((u) => u.provider === provider)!;
  };
  // The audit event (and so the health) follows the response by a moment.
  const until = async (cond: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i++) if (await cond()) return;
    assert.fail(`never ${what}`);
  };

  it('is unknown before traffic, ok with latency after, failing on a 5xx or a refused connection, degraded once it answers again', async () => {
    assert.deepEqual(await upstream('openai'), { provider: 'openai', state: 'unknown', recent: 0, recentFailures: 0, consecutiveFailures: 0 });
    assert.equal((await send()).status, 200);
    await until(async () => (await upstream('openai')).state === 'ok', 'ok');
    const ok = await upstream('openai');
    assert.equal(ok.recent, 1);
    assert.ok(ok.latencyP50Ms! > 0 && ok.lastOkAt! > 0);
    assert.equal((await upstream('anthropic')).state, 'unknown', 'per provider');

    assert.equal((await send('status:429')).status, 429);
    await until(async () => (await upstream('openai')).recent === 2, 'the 429');
    assert.equal((await upstream('openai')).state, 'ok', 'a 429 means it is reachable');

    assert.equal((await send('status:503')).status, 503);
    await until(async () => (await upstream('openai')).state === 'failing', 'failing');
    const failing = await upstream('openai');
    assert.deepEqual([failing.consecutiveFailures, failing.recentFailures, failing.lastError?.status], [1, 1, 503]);

    assert.equal((await send()).status, 200);
    await until(async () => (await upstream('openai')).state === 'degraded', 'degraded');
    assert.equal((await upstream('openai')).consecutiveFailures, 0);
  });
});

describe('admin health while draining', () => {
  it('answers with status draining while in-flight requests finish', async () => {
    const rig = await startAdminRig({ server: { shutdownGraceMs: 5000 } });
    const pending = slowChat(rig, 800);
    await waitUntil(() => rig.fake.requests.length === 1, 'the request to reach upstream');
    const closing = rig.close();
    await waitUntil(() => rig.gw.app.lifecycle.draining, 'draining');
    const h = (await rig.api('/admin/health')).json as Health;
    assert.equal(h.status, 'draining');
    assert.equal(h.draining, true);
    assert.equal((await pending).status, 200);
    await closing;
  });
});

describe('admin stats', () => {
  let rig: AdminRig;
  before(async () => (rig = await startAdminRig()));
  after(() => rig.close());

  it('returns the per-second series for 60 s (default) and 900 s windows', async () => {
    await chat(rig, 'counted');
    for (const [query, window] of [['', 60], ['?window=60', 60], ['?window=900', 900]] as const) {
      const res = await rig.api(`/admin/stats${query}`);
      assert.equal(res.status, 200, res.text);
      assert.ok(Value.Check(StatsResponseSchema, res.json), res.text.slice(0, 300));
      const body = res.json as StatsResponse;
      assert.equal(body.window, window);
      assert.equal(body.series.t.length, window);
      assert.equal(body.series.rps.length, window);
      for (let i = 1; i < window; i++) assert.equal(body.series.t[i], body.series.t[i - 1] + 1);
    }
    // The exchange shows up once its second has ended.
    let total = 0;
    for (let i = 0; i < 30 && total === 0; i++) {
      const s = ((await rig.api('/admin/stats')).json as StatsResponse).series;
      total = s.rps.reduce((a, b) => a + b, 0);
      if (total === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(total >= 1, 'the proxied request is counted');
  });

  it('refuses other windows, naming the field', async () => {
    for (const w of ['30', '61', 'all', '-60']) {
      const res = await rig.api(`/admin/stats?window=${w}`);
      assert.equal(res.status, 400, w);
      assert.match(res.text, /query field 'window': expected one of 60, 900/);
    }
  });
});
