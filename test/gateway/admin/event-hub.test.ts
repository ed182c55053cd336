// The stream fan-out on a real HTTP server and a real bus, with small limits: a resume older than
// the ring gets a reset, a client that stops reading is dropped once its backlog passes the cap,
// quiet streams get heartbeat comments, and close() ends every stream.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_HUB_OPTIONS, EventHub, type EventHubOptions } from '../../../gateway/admin/event-hub.js';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { EventBus } from '../../../gateway/events.js';
import { waitUntil } from '../../helpers/wait.js';
import { isAudit, SseClient } from './rig.js';

const audit = (n: number, pad = 0): AuditEvent => ({
  id: `evt-${n}`, time: n, client: { app: 'test' }, provider: 'openai', route: `/v1/x${'y'.repeat(pad)}`, stream: false, status: 200,
  durations: { totalMs: 1, upstreamMs: 1, overheadMs: 0 }, bytes: { in: 0, out: 0 }, usage: {}, findings: {}, decision: 'forwarded',
});

async function serveHub(opts: Partial<EventHubOptions>): Promise<{ bus: EventBus; hub: EventHub; server: Server; url: string }> {
  const bus = new EventBus();
  const hub = new EventHub(bus, { overlay: () => ({}) }, { ...DEFAULT_HUB_OPTIONS, heartbeatMs: 60_000, maxBacklogBytes: 1 << 20, ...opts });
  const server = createServer((req, res) => {
    const last = req.headers['last-event-id'];
    hub.attach(res, typeof last === 'string' ? Number(last) : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { bus, hub, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('EventHub', () => {
  let rig: Awaited<ReturnType<typeof serveHub>>;
  before(async () => (rig = await serveHub({ ringSize: 3 })));
  after(() => {
    rig.hub.close();
    rig.server.closeAllConnections();
    rig.server.close();
  });

  it('replays within the ring and resets past it', async () => {
    const s = await SseClient.open(rig.url, '/', {});
    rig.bus.emit('audit', audit(1));
    const [first] = await s.waitFor(isAudit);
    s.close();
    for (let i = 2; i <= 4; i++) rig.bus.emit('audit', audit(i));
    const inRing = await SseClient.open(rig.url, '/', { 'last-event-id': first.id! });
    assert.deepEqual((await inRing.waitFor(isAudit, 3)).map((m) => (m.json as AuditEvent).id), ['evt-2', 'evt-3', 'evt-4']);
    inRing.close();

    rig.bus.emit('audit', audit(5)); // the ring (3) now holds 3, 4, 5: event 2 is gone
    const late = await SseClient.open(rig.url, '/', { 'last-event-id': first.id! });
    const [reset] = await late.waitFor((m) => m.event === 'reset');
    assert.equal((reset.json as { reason: string }).reason, 'gap');
    assert.equal(late.messages.filter(isAudit).length, 0);
    late.close();
  });

  it('replays events emitted while nobody was connected as they were at emit time', async () => {
    const s = await SseClient.open(rig.url, '/', {});
    rig.bus.emit('audit', audit(10));
    const [first] = await s.waitFor(isAudit);
    s.close();
    await waitUntil(() => rig.hub.clients === 0, 'the first client gone');
    // The exchange's own records can change after its event went out (a hold settled by the
    // client's disconnect, the output guard): the replay must not show the later state.
    const held: AuditEvent = { ...audit(11), findings: { pii: 1 }, explain: { sent: 'redacted', detectors: { email: 1 }, placeholders: ['[[EMAIL_1]]'] } };
    const before = JSON.parse(JSON.stringify(held)) as AuditEvent;
    rig.bus.emit('audit', held);
    rig.bus.emit('audit', audit(12));
    held.explain!.decidedBy = 'client:disconnected';
    held.findings.response = 1;
    held.explain!.detectors!.email = 2;
    held.explain!.placeholders!.push('[[EMAIL_2]]');
    const resumed = await SseClient.open(rig.url, '/', { 'last-event-id': first.id! });
    const replayed = (await resumed.waitFor(isAudit, 2)).map((m) => m.json as AuditEvent);
    assert.deepEqual(replayed, [before, audit(12)]);
    resumed.close();
  });
});

describe('EventHub replay budget', () => {
  it('holds at most half the backlog cap for replay, so a resume never gets its client dropped', async () => {
    const { bus, hub, server, url } = await serveHub({ maxBacklogBytes: 64 * 1024 });
    try {
      const s = await SseClient.open(url, '/', {});
      bus.emit('audit', audit(0));
      const [first] = await s.waitFor(isAudit);
      s.close();
      for (let i = 1; i <= 20; i++) bus.emit('audit', audit(i, 4000)); // ~80 KB in all
      const late = await SseClient.open(url, '/', { 'last-event-id': first.id! });
      const [reset] = await late.waitFor((m) => m.event === 'reset');
      assert.equal((reset.json as { reason: string }).reason, 'gap');
      late.close();
      // A recent id still gets a plain replay of what the budget kept.
      const recent = await SseClient.open(url, '/', { 'last-event-id': String(Number(reset.id) - 3) });
      assert.deepEqual((await recent.waitFor(isAudit, 3)).map((m) => (m.json as AuditEvent).id), ['evt-18', 'evt-19', 'evt-20']);
      assert.ok(!recent.ended);
      recent.close();
    } finally {
      hub.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('EventHub limits', () => {
  it('drops a client that stops reading once its backlog passes the cap, and keeps serving the others', async () => {
    const cap = 256 * 1024;
    const { bus, hub, server, url } = await serveHub({ maxBacklogBytes: cap });
    try {
      const { port } = new URL(url);
      const stalled = connect({ host: '127.0.0.1', port: Number(port) });
      await new Promise<void>((resolve) => stalled.once('connect', resolve));
      stalled.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      stalled.pause();
      stalled.on('error', () => undefined);
      const reader = await SseClient.open(url, '/', {});
      await waitUntil(() => hub.clients === 2, 'both clients attached');

      // One frame at a time, each read by the live client before the next: only the stalled one falls behind.
      const frame = 64 * 1024;
      let sent = 0;
      while (hub.clients === 2 && sent < 2000) {
        bus.emit('audit', audit(sent, frame));
        sent++;
        await reader.waitFor(isAudit, sent);
      }
      assert.equal(hub.clients, 1, `the stalled client was dropped (after ${sent} frames)`);
      // Kernel socket buffers absorb some megabytes first; past them, at most the cap waits in memory.
      assert.ok(sent < 2000);
      const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
      stalled.resume();
      await closed;
      assert.ok(!reader.ended, 'the reading client stays connected');
      reader.close();
    } finally {
      hub.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('sends heartbeat comments on a quiet stream and ends streams on close', async () => {
    const { hub, server, url } = await serveHub({ heartbeatMs: 30 });
    try {
      const s = await SseClient.open(url, '/', {});
      await waitUntil(() => s.comments.length >= 2, 'two heartbeats', 2000);
      assert.ok(s.comments.every((c) => c.trim() === 'heartbeat'));
      hub.close();
      await s.waitEnded();
      assert.equal(hub.clients, 0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
