import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { GatewayMetrics } from '../../../gateway/metrics/gateway-metrics.js';
import { parsePrometheusText, sum } from './prom-text.js';

const event = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 'e',
  time: 0,
  client: { app: 't' },
  provider: 'openai',
  route: '/v1/chat/completions',
  stream: false,
  status: 200,
  durations: { totalMs: 120, upstreamMs: 119, overheadMs: 1 },
  bytes: { in: 10, out: 20 },
  usage: {},
  findings: {},
  decision: 'forwarded',
  ...over,
});

function metricsAt(sec: number, pending = 0) {
  let ms = sec * 1000;
  const m = new GatewayMetrics(
    { inFlight: () => 3, pending: () => pending, auditQueueDepth: () => 7, auditQueueCapacity: 100, pool: () => ({ 'https://api.openai.com': { connected: 2, free: 1, pending: 0, queued: 4, running: 1, size: 5 } }) },
    () => ms,
  );
  return { m, setSec: (s: number) => void (ms = s * 1000) };
}

describe('GatewayMetrics', () => {
  it('counts each exchange once however often it is scraped', async () => {
    const { m } = metricsAt(1000);
    try {
      m.onAudit(event({ findings: { pii: 2, secret: 1 } }));
      m.onAudit(event({ status: 403, decision: 'blocked', durations: { totalMs: 2, upstreamMs: 0, overheadMs: 2 } }));
      m.onAudit(event({ provider: 'anthropic', route: '/v1/messages', decision: 'denied' }));
      for (let i = 0; i < 3; i++) {
        const f = parsePrometheusText(await m.scrape());
        assert.equal(sum(f, 'aegisgate_requests_total'), 3);
        assert.equal(sum(f, 'aegisgate_requests_total', { route: '/v1/chat/completions', status: '403', provider: 'openai' }), 1);
        assert.equal(sum(f, 'aegisgate_findings_total', { category: 'pii' }), 2);
        assert.equal(sum(f, 'aegisgate_findings_total', { category: 'secret' }), 1);
        assert.equal(sum(f, 'aegisgate_blocks_total', { decision: 'blocked' }), 1);
        assert.equal(sum(f, 'aegisgate_blocks_total', { decision: 'denied' }), 1);
        assert.equal(sum(f, 'aegisgate_request_bytes_total', { provider: 'openai' }), 20);
        assert.equal(sum(f, 'aegisgate_upstream_duration_seconds_count'), 2, 'no upstream time, no upstream observation');
        assert.equal(sum(f, 'aegisgate_request_duration_seconds_bucket', { provider: 'openai', le: '0.0025' }), 1);
      }
    } finally {
      m.stop();
    }
  });

  it('reads the gauges at scrape time', async () => {
    const { m } = metricsAt(1000, 2);
    try {
      const f = parsePrometheusText(await m.scrape());
      assert.equal(sum(f, 'aegisgate_requests_in_flight'), 3);
      assert.equal(sum(f, 'aegisgate_pending_confirmations'), 2);
      assert.equal(sum(f, 'aegisgate_audit_queue_depth'), 7);
      assert.equal(sum(f, 'aegisgate_audit_queue_capacity'), 100);
      assert.equal(sum(f, 'aegisgate_upstream_pool_queued', { origin: 'https://api.openai.com' }), 4);
      assert.equal(sum(f, 'aegisgate_upstream_pool_size', { origin: 'https://api.openai.com' }), 5);
    } finally {
      m.stop();
    }
  });

  it('keeps label sets bounded under hostile paths and categories', async () => {
    const { m } = metricsAt(1000);
    try {
      for (let i = 0; i < 500; i++) m.onAudit(event({ route: i % 2 ? `/x${i}/y${i}/z` : `/v1/x${i}/y${i}`, findings: { [`custom-${i}`]: 1 } }));
      const f = parsePrometheusText(await m.scrape());
      assert.equal(f.get('aegisgate_requests_total')!.samples.length, 2, 'route templates only');
      assert.equal(sum(f, 'aegisgate_requests_total', { route: 'other' }), 250);
      assert.equal(sum(f, 'aegisgate_requests_total', { route: '/v1/*' }), 250);
      assert.ok(f.get('aegisgate_findings_total')!.samples.length <= 65);
      assert.equal(sum(f, 'aegisgate_findings_total'), 500);
    } finally {
      m.stop();
    }
  });

  it('feeds the window and the tick: errors, blocks, findings and the sampled pending count', () => {
    const { m, setSec } = metricsAt(1000, 4);
    try {
      m.onAudit(event({ findings: { pii: 2 } }));
      m.onAudit(event({ status: 200, errorCode: 'GW_ERR_CLIENT_CLOSED' }));
      m.onAudit(event({ status: 403, decision: 'blocked' }));
      m.tick();
      setSec(1001);
      const t = m.tick();
      assert.deepEqual([t.t, t.rps, t.errors, t.blocks, t.findings, t.pending, t.bytesIn], [1000, 3, 2, 1, 2, 4, 30]);
      assert.deepEqual(m.last(), t);
    } finally {
      m.stop();
    }
  });
});
