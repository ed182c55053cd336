import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { UpstreamHealthTracker } from '../../../gateway/metrics/upstream-health.js';
import { auditEvent } from '../store/helpers.js';

const at = (time: number, over: Partial<AuditEvent> = {}): AuditEvent =>
  auditEvent({ time, provider: 'openai', status: 200, durations: { totalMs: 100, upstreamMs: 90, overheadMs: 10 }, ...over });

describe('upstream health from audit events', () => {
  it('ignores exchanges that never left the gateway; counts a refused connection as a failure', () => {
    const h = new UpstreamHealthTracker();
    h.onAudit(at(1000, { status: 400, decision: 'blocked', errorCode: 'GW_ERR_POLICY_BLOCKED', durations: { totalMs: 3, upstreamMs: 0, overheadMs: 3 } }));
    assert.deepEqual(h.snapshot(['openai', 'anthropic'], 2000).map((u) => u.state), ['unknown', 'unknown']);
    h.onAudit(at(3000, { status: 502, errorCode: 'GW_ERR_UPSTREAM_UNREACHABLE', durations: { totalMs: 2, upstreamMs: 0, overheadMs: 2 } }));
    const [u] = h.snapshot(['openai'], 4000);
    assert.deepEqual([u!.state, u!.consecutiveFailures, u!.lastError], ['failing', 1, { at: 3002, status: 502, code: 'GW_ERR_UPSTREAM_UNREACHABLE' }]);
    assert.equal(u!.latencyP50Ms, undefined, 'no successful answer, no latency');
  });

  it('failing, then degraded for five minutes after a success, then ok; a 429 is reachable', () => {
    const h = new UpstreamHealthTracker();
    h.onAudit(at(0, { status: 503 }));
    h.onAudit(at(1000, { status: 503 }));
    assert.equal(h.snapshot([], 2000)[0]!.consecutiveFailures, 2);
    h.onAudit(at(2000, { status: 429 }));
    const degraded = h.snapshot([], 3000)[0]!;
    assert.deepEqual([degraded.state, degraded.consecutiveFailures, degraded.recentFailures, degraded.lastOkAt], ['degraded', 0, 2, 2100]);
    assert.equal(h.snapshot([], 1100 + 5 * 60_000 - 1)[0]!.state, 'degraded');
    assert.equal(h.snapshot([], 1100 + 5 * 60_000 + 1)[0]!.state, 'ok');
  });

  it('keeps the last 50 attempts; latency percentiles of the successful ones', () => {
    const h = new UpstreamHealthTracker();
    for (let i = 1; i <= 120; i++) h.onAudit(at(i, { durations: { totalMs: i + 5, upstreamMs: i, overheadMs: 5 } }));
    const u = h.snapshot(['anthropic'], 200).find((x) => x.provider === 'openai')!;
    assert.equal(u.recent, 50);
    assert.deepEqual([u.latencyP50Ms, u.latencyP95Ms], [95, 118]);
  });
});
