// GET /admin/events: one SSE stream of audit events, config changes, key changes and 1 Hz metrics;
// ids strictly increasing; Last-Event-ID (or ?lastEventId=) resumes with exactly the missed events.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { StreamEventSchemas, type PendingChange } from '../../../gateway/admin/contract.js';
import { Confirmations } from '../../../gateway/confirm/confirmations.js';
import { CONFIRM_DEFAULTS, type HoldRequest } from '../../../gateway/confirm/types.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { tempDir } from '../../helpers/gateway.js';
import { chat, isAudit, SseClient, startAdminRig, type AdminRig, type StreamMessage } from './rig.js';

const ids = (ms: StreamMessage[]) => ms.map((m) => Number(m.id));
const auditIds = (ms: StreamMessage[]) => ms.filter(isAudit).map((m) => (m.json as { id: string }).id);

function assertIncreasing(ms: StreamMessage[]): void {
  const seen = ids(ms);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1], `ids not strictly increasing: ${seen.join(',')}`);
}

describe('admin event stream', () => {
  let rig: AdminRig;
  const auth = () => ({ authorization: `Bearer ${rig.token}` });
  before(async () => (rig = await startAdminRig()));
  after(() => rig.close());

  it('is an SSE response that refuses a missing token before streaming', async () => {
    const denied = await SseClient.open(rig.gw.url, '/admin/events', {});
    assert.equal(denied.status, 401);
    await denied.waitEnded();
    const stream = await SseClient.open(rig.gw.url, '/admin/events', auth());
    try {
      assert.equal(stream.status, 200);
      assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
      assert.equal(stream.headers['cache-control'], 'no-store');
      assert.equal(stream.headers['access-control-allow-origin'], undefined);
    } finally {
      stream.close();
    }
  });

  it('delivers the audit events of proxied requests in order, each with event, id and JSON data', async () => {
    const stream = await SseClient.open(rig.gw.url, '/admin/events', auth());
    try {
      const sent = [];
      for (let i = 0; i < 5; i++) sent.push(await chat(rig, `ordered ${i}`));
      const got = await stream.waitFor(isAudit, 5);
      assert.deepEqual(auditIds(got), sent.map((e) => e.id));
      assertIncreasing(stream.messages);
      for (const m of got) {
        assert.ok(Value.Check(StreamEventSchemas.audit, m.json), m.data);
        assert.match(m.id ?? '', /^\d+$/);
      }
    } finally {
      stream.close();
    }
  });

  it('resumes from Last-Event-ID with exactly the missed events, in order', async () => {
    const first = await SseClient.open(rig.gw.url, '/admin/events', auth());
    await chat(rig, 'before the disconnect');
    const [seen] = await first.waitFor(isAudit);
    first.close();
    await first.waitEnded();

    const missed = [];
    for (let i = 0; i < 4; i++) missed.push(await chat(rig, `while away ${i}`));

    const resumed = await SseClient.open(rig.gw.url, '/admin/events', { ...auth(), 'last-event-id': seen.id! });
    try {
      const replayed = await resumed.waitFor(isAudit, 4);
      assert.deepEqual(auditIds(replayed), missed.map((e) => e.id));
      assert.ok(Number(replayed[0].id) > Number(seen.id));
      assertIncreasing(resumed.messages);
      // Live events follow the replay without a gap or a repeat.
      const live = await chat(rig, 'after the resume');
      const all = await resumed.waitFor(isAudit, 5);
      assert.deepEqual(auditIds(all), [...missed, live].map((e) => e.id));
      assertIncreasing(resumed.messages);
    } finally {
      resumed.close();
    }
  });

  it('accepts ?lastEventId= for EventSource polyfills, and the header wins over it', async () => {
    const first = await SseClient.open(rig.gw.url, '/admin/events', auth());
    await chat(rig, 'mark');
    const [mark] = await first.waitFor(isAudit);
    first.close();
    const missed = await chat(rig, 'missed');
    const byQuery = await SseClient.open(rig.gw.url, `/admin/events?lastEventId=${mark.id}`, auth());
    const byHeader = await SseClient.open(rig.gw.url, '/admin/events?lastEventId=1', { ...auth(), 'last-event-id': mark.id! });
    try {
      for (const s of [byQuery, byHeader]) assert.deepEqual(auditIds(await s.waitFor(isAudit)), [missed.id]);
    } finally {
      byQuery.close();
      byHeader.close();
    }
  });

  it('answers an id it cannot account for with a reset event telling the client to reload', async () => {
    const current = await SseClient.open(rig.gw.url, '/admin/events', auth());
    await chat(rig, 'one more');
    const [latest] = await current.waitFor(isAudit);
    current.close();
    for (const [lastId, reason] of [[String(Number(latest.id) + 1_000_000), 'unknown-id'], ['5', 'gap']] as const) {
      const stream = await SseClient.open(rig.gw.url, '/admin/events', { ...auth(), 'last-event-id': lastId });
      try {
        const [reset] = await stream.waitFor((m) => m.event === 'reset');
        assert.deepEqual(reset.json, { reason, lastEventId: Number(lastId) });
        assert.ok(Value.Check(StreamEventSchemas.reset, reset.json));
        assert.ok(Number(reset.id) >= Number(latest.id));
        assert.equal(stream.messages.filter(isAudit).length, 0, 'no partial replay after a reset');
      } finally {
        stream.close();
      }
    }
  });

  it('refuses a malformed Last-Event-ID with 400 naming it', async () => {
    const res = await rig.api('/admin/events', { headers: { 'last-event-id': 'abc' } });
    assert.equal(res.status, 400);
    assert.match(res.text, /GW_ERR_ADMIN_BAD_REQUEST/);
    assert.match(res.text, /Last-Event-ID/);
  });

  it('carries config changes, client key revocations and managed key changes, and never the key', async () => {
    const stream = await SseClient.open(rig.gw.url, '/admin/events', auth());
    try {
      assert.equal((await rig.api('/admin/config', { method: 'PUT', body: { audit: { retentionDays: 12 } } })).status, 200);
      const created = (await rig.api('/admin/keys', { method: 'POST', body: { name: 'ci', app: 'curl' } })).json as { id: string; key: string };
      assert.equal((await rig.api(`/admin/keys/${created.id}`, { method: 'DELETE' })).status, 204);
      const secret = 'sk-managed-STREAMCANARY-0123456789';
      assert.equal((await rig.api('/admin/providers/anthropic/key', { method: 'PUT', body: { key: secret } })).status, 200);
      assert.equal((await rig.api('/admin/providers/anthropic/key', { method: 'DELETE' })).status, 200);

      const [config] = await stream.waitFor((m) => m.event === 'config');
      assert.ok(Value.Check(StreamEventSchemas.config, config.json), config.data);
      assert.equal((config.json as { config: { audit: { retentionDays: number } } }).config.audit.retentionDays, 12);
      assert.deepEqual((config.json as { overlay: unknown }).overlay, { audit: { retentionDays: 12 } });
      const [revoked] = await stream.waitFor((m) => m.event === 'clientKey.revoked');
      assert.deepEqual(revoked.json, { id: created.id });
      const keyChanges = await stream.waitFor((m) => m.event === 'providerKey.changed', 2);
      assert.deepEqual(keyChanges.map((m) => m.json), [{ provider: 'anthropic', managedKey: true }, { provider: 'anthropic', managedKey: false }]);
      assertIncreasing(stream.messages);
      const raw = stream.messages.map((m) => m.data).join('\n');
      assert.ok(!raw.includes(secret) && !raw.includes(created.key));
    } finally {
      stream.close();
    }
  });

  it('carries held confirmations as pending events: added, touched, revealed, decided; masked, never the text', async () => {
    const confirmations = new Confirmations({ store: rig.gw.store, bus: rig.gw.app.bus, settings: () => CONFIRM_DEFAULTS });
    const text = 'deploy with password hunter2-PENDINGCANARY';
    const hold: HoldRequest = {
      stage: 'request',
      trigger: { category: 'secret', detector: 'password' },
      findings: [{ category: 'secret', detector: 'password', kind: 'PASSWORD', field: 'messages[0].content' }],
      preview: 'deploy with password [PASSWORD, 22 chars]',
      reveal: () => text,
      client: { app: 'curl' },
      provider: 'openai',
      model: 'gpt-test',
      route: '/v1/chat/completions',
      payloadHash: 'h1',
      remember: async () => [],
    };
    const stream = await SseClient.open(rig.gw.url, '/admin/events', auth());
    try {
      const outcome = confirmations.hold(hold, new AbortController().signal);
      const [added] = await stream.waitFor((m) => m.event === 'pending');
      const id = (added.json as PendingChange).pending.id;
      await confirmations.touch(id, 'dashboard');
      assert.equal(await confirmations.reveal(id, 'dashboard'), text);
      await confirmations.decide(id, 'deny', { by: 'dashboard' });
      assert.equal((await outcome).kind, 'denied');

      const changes = await stream.waitFor((m) => m.event === 'pending', 4);
      for (const m of changes) assert.ok(Value.Check(StreamEventSchemas.pending, m.json), m.data);
      const payloads = changes.map((m) => m.json as PendingChange);
      assert.deepEqual(payloads.map((p) => p.change), ['added', 'touched', 'revealed', 'decided']);
      assert.ok(payloads.every((p) => p.pending.id === id));
      assert.equal(payloads[0].pending.status, 'pending');
      assert.equal(payloads[0].pending.findings[0].kind, 'PASSWORD');
      assert.equal(payloads[2].by, 'dashboard');
      assert.deepEqual(payloads[3].outcome, { kind: 'denied', pendingId: id });
      assert.equal(payloads[3].pending.status, 'denied');
      assertIncreasing(stream.messages);
      assert.ok(!stream.messages.some((m) => m.data.includes('PENDINGCANARY')), 'the held text never reaches the stream');
    } finally {
      stream.close();
      await confirmations.cancelAll();
    }
    // Pending changes are replayed on resume like audit events.
    const resumed = await SseClient.open(rig.gw.url, '/admin/events', { ...auth(), 'last-event-id': String(Number(stream.messages.find((m) => m.event === 'pending')!.id) - 1) });
    try {
      assert.equal((await resumed.waitFor((m) => m.event === 'pending', 4)).length, 4);
    } finally {
      resumed.close();
    }
  });

  it('sends a metrics snapshot about once a second, live only (a resume does not replay them)', async () => {
    const stream = await SseClient.open(rig.gw.url, '/admin/events', auth());
    let lastId: string;
    try {
      const ticks = await stream.waitFor((m) => m.event === 'metrics', 2, 5000);
      for (const t of ticks) assert.ok(Value.Check(StreamEventSchemas.metrics, t.json), t.data);
      lastId = stream.messages[0].id!;
    } finally {
      stream.close();
    }
    const resumed = await SseClient.open(rig.gw.url, '/admin/events', { ...auth(), 'last-event-id': lastId });
    try {
      await resumed.waitFor((m) => m.event === 'metrics', 1, 5000);
      // Everything before the first live tick is replay; none of it is a metrics snapshot.
      const firstLive = resumed.messages.findIndex((m) => m.event === 'metrics');
      assert.ok(resumed.messages.slice(0, firstLive).every((m) => m.event !== 'metrics'));
      assert.ok(Number(resumed.messages[firstLive].id) > Number(lastId));
    } finally {
      resumed.close();
    }
  });

  it('ends open streams when the gateway closes, without holding up the close', async () => {
    const fake = rig.fake;
    const other = await startAdminRig({}, { fake });
    const stream = await SseClient.open(other.gw.url, '/admin/events', { authorization: `Bearer ${other.token}` });
    assert.equal(stream.status, 200);
    await other.close();
    await stream.waitEnded(5000);
  });
});

describe('admin event stream across a restart', () => {
  let fake: FakeProvider;
  before(async () => (fake = await startFakeProvider()));
  after(() => fake.close());

  it('keeps ids increasing, and an id from the previous run gets a reset', async () => {
    const dataDir = tempDir();
    try {
      const first = await startAdminRig({}, { fake, dataDir });
      const s1 = await SseClient.open(first.gw.url, '/admin/events', { authorization: `Bearer ${first.token}` });
      await chat(first, 'first run');
      const [old] = await s1.waitFor(isAudit);
      s1.close();
      await first.close();

      const second = await startAdminRig({}, { fake, dataDir });
      try {
        const s2 = await SseClient.open(second.gw.url, '/admin/events', { authorization: `Bearer ${second.token}`, 'last-event-id': old.id! });
        const [reset] = await s2.waitFor((m) => m.event === 'reset');
        assert.equal((reset.json as { reason: string }).reason, 'gap');
        await chat(second, 'second run');
        const [fresh] = await s2.waitFor(isAudit);
        assert.ok(Number(fresh.id) > Number(old.id), `${fresh.id} > ${old.id}`);
        s2.close();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
