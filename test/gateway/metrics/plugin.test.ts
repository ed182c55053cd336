// GET /metrics on the real gateway in front of the fake provider: strict Prometheus text, and the
// counters, histograms and per-second window move with traffic exactly as the audit events say.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN_FILE } from '../../../gateway/auth/admin-token.js';
import type { MetricsSecond } from '../../../gateway/metrics/series-schema.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { hostOf, postJson, send } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { parsePrometheusText, sum, type Family } from './prom-text.js';

const chat = (text: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });

describe('GET /metrics', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  const events: AuditEvent[] = [];
  const ticks: { tick: MetricsSecond; at: number }[] = [];
  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url);
    gw.app.bus.on('audit', (e) => events.push(e));
    gw.app.bus.on('metrics.tick', (tick) => ticks.push({ tick, at: Date.now() }));
  });
  after(async () => {
    await gw.close();
    await fake.close();
  });

  const withToken = () => ({ authorization: `Bearer ${readFileSync(join(gw.dataDir, ADMIN_TOKEN_FILE), 'utf8').trim()}` });

  async function scrape(): Promise<Map<string, Family>> {
    const res = await send(gw.url, '/metrics', { headers: withToken() });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(res.text);
  }

  it('parses as Prometheus text and its counters move with traffic', async () => {
    const before = await scrape();
    for (const name of ['aegisgate_requests_in_flight', 'aegisgate_pending_confirmations', 'aegisgate_audit_queue_depth', 'aegisgate_event_loop_delay_seconds']) {
      assert.equal(before.get(name)?.type, 'gauge', name);
    }
    assert.ok(sum(before, 'aegisgate_audit_queue_capacity') > 0);

    const mail = 'write to alice.metrics@example.com please';
    for (let i = 0; i < 3; i++) assert.equal((await postJson(gw.url, '/v1/chat/completions', chat(mail))).status, 200);
    assert.equal((await postJson(gw.url, '/v1/chat/completions', chat('hi'), { 'x-fake-scenario': 'status:500' })).status, 500);
    assert.equal((await send(gw.url, '/v1/chat/completions', { method: 'POST', body: 'hi', headers: { 'content-type': 'text/plain' } })).status, 415);
    assert.equal((await send(gw.url, '/v1/files/file-abc123')).status, 200);
    await waitUntil(() => events.length === 6, 'six audit events');
    const after = await scrape();

    const delta = (sample: string, match: Record<string, string> = {}) => sum(after, sample, match) - sum(before, sample, match);
    const chatRoute = { route: '/v1/chat/completions', provider: 'openai' };
    assert.equal(delta('aegisgate_requests_total', { ...chatRoute, status: '200' }), 3);
    assert.equal(delta('aegisgate_requests_total', { ...chatRoute, status: '500' }), 1);
    assert.equal(delta('aegisgate_requests_total', { ...chatRoute, status: '415' }), 1);
    assert.equal(delta('aegisgate_requests_total', { route: '/v1/files', status: '200', provider: 'openai' }), 1);
    assert.equal(delta('aegisgate_requests_total'), 6);
    const routes = after.get('aegisgate_requests_total')!.samples.map((s) => s.labels.route);
    assert.ok(!routes.some((r) => r?.includes('abc123')), 'no ids in route labels');

    assert.equal(delta('aegisgate_request_duration_seconds_count', { provider: 'openai' }), 6);
    assert.equal(delta('aegisgate_gateway_overhead_seconds_count', { provider: 'openai' }), 6);
    assert.equal(delta('aegisgate_upstream_duration_seconds_count', { provider: 'openai' }), 5, 'the refused request never went upstream');
    assert.ok(delta('aegisgate_request_duration_seconds_sum') > 0);

    const found = events.reduce((n, e) => n + Object.values(e.findings).reduce((a, b) => a + b, 0), 0);
    assert.ok(found >= 3, 'the scan found the address in each of the three requests');
    assert.equal(delta('aegisgate_findings_total'), found);
    assert.equal(delta('aegisgate_blocks_total', { decision: 'blocked' }), events.filter((e) => e.decision === 'blocked').length);
    assert.ok(delta('aegisgate_blocks_total') >= 1);
    assert.equal(delta('aegisgate_request_bytes_total'), events.reduce((n, e) => n + e.bytes.in, 0));
    assert.equal(delta('aegisgate_response_bytes_total'), events.reduce((n, e) => n + e.bytes.out, 0));

    assert.equal(sum(after, 'aegisgate_requests_in_flight'), 0);
    assert.ok(sum(after, 'aegisgate_upstream_pool_connected', { origin: fake.url }) >= 1, 'the kept-alive upstream connection');
    const quantiles = after.get('aegisgate_event_loop_delay_seconds')!.samples.map((s) => s.labels.quantile).sort();
    assert.deepEqual(quantiles, ['0.5', '0.99', '1']);
  });

  it('the per-second window and the 1 Hz tick carry the same traffic', async () => {
    // The test above sent six exchanges; wait until their second(s) are complete.
    await waitUntil(() => gw.app.metrics.series(60).rps.reduce((a, b) => a + b, 0) === 6, 'the traffic in the series', 3000);
    const s = gw.app.metrics.series(60);
    assert.equal(s.t.length, 60);
    s.t.forEach((t, i) => i > 0 && assert.equal(t, s.t[i - 1]! + 1));
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    assert.equal(total(s.errors), 2, 'the 500 and the 415');
    assert.equal(total(s.blocks), 1);
    assert.equal(total(s.findings), events.reduce((n, e) => n + Object.values(e.findings).reduce((a, b) => a + b, 0), 0));
    assert.ok(Math.max(...s.p99Ms) > 0);
    await waitUntil(() => ticks.length > 0, 'a metrics.tick', 2000);
    const { tick, at } = ticks.at(-1)!;
    assert.equal(tick.t, Math.floor(at / 1000) - 1, 'a tick reports the second that just ended');
    assert.deepEqual(Object.keys(tick).sort(), ['blocks', 'bytesIn', 'bytesOut', 'errors', 'findings', 'overheadP50Ms', 'p50Ms', 'p99Ms', 'pending', 'providers', 'rps', 't']);
    // Per provider, the series adds up to the exchanges each configured provider had.
    const byProvider = Object.fromEntries(Object.entries(s.providers ?? {}).map(([name, xs]) => [name, total(xs)]));
    const expected: Record<string, number> = {};
    for (const e of events) expected[e.provider] = (expected[e.provider] ?? 0) + 1;
    assert.deepEqual(byProvider, expected);
  });

  it('answers only to its own Host, like every route', async () => {
    const res = await send(gw.url, '/metrics', { headers: { ...withToken(), host: 'metrics.attacker.example' } });
    assert.equal(res.status, 403);
    assert.doesNotMatch(res.text, /aegisgate_/);
    assert.equal((await send(gw.url, '/metrics', { headers: { ...withToken(), host: hostOf(gw.url) } })).status, 200);
  });

  it('asks for the admin token unless metrics.open, and a wrong token is refused', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: 'Basic eDp5' }]) {
      const res = await send(gw.url, '/metrics', { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_ADMIN_UNAUTHORIZED');
      assert.equal(res.headers['www-authenticate'], 'Bearer');
      assert.doesNotMatch(res.text, /aegisgate_/);
    }
    const open = await startTestGateway(fake.url, { metrics: { open: true } });
    try {
      const res = await send(open.url, '/metrics');
      assert.equal(res.status, 200);
      assert.match(res.text, /aegisgate_requests_in_flight/);
    } finally {
      await open.close();
    }
  });
});
