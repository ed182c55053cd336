// What is recorded about held exchanges: one audit event each, with its decision and pending id,
// durable and readable through the admin API, never with the held value. "Reveal" through the admin
// API returns the full text while the item is held and is itself recorded (who and when, never
// what) on the item, the bus, the admin stream and the log.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import type { AuditPage } from '../../../gateway/admin/contract.js';
import { openAdminStream } from './admin-stream.js';
import { nextEvent } from './events.js';
import { failure, ok } from './outcome.js';
import { startConfirmRig, type ConfirmRig } from './rig.js';
import { awsKey } from './values.js';

describe('audit and reveal of held exchanges', () => {
  let rig: ConfirmRig;
  const logLines: string[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    rig = await startConfirmRig({ confirm: { timeoutSec: 20 } }, { logger: pino({ level: 'info' }, sink) });
  });
  after(() => rig.close());

  const chat = (text: string) => () => rig.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });

  it('reveal returns the full text while held, and records who revealed it, never what', async () => {
    const key = awsKey(40);
    const { item, result } = await rig.held(chat(`please use ${key} for the deploy`));
    assert.ok(!item.preview.includes(key));
    const announced = nextEvent(rig.gw.app.bus, 'pending.revealed', (e) => e.pending.id === item.id);
    const stream = await openAdminStream(rig.gw.url, rig.token);

    const res = await rig.admin(`/admin/confirmations/${item.id}/reveal`, { method: 'POST' });
    assert.equal(res.status, 200, res.text);
    assert.equal((res.json as { text: string }).text, `please use ${key} for the deploy`);
    assert.equal(res.headers['cache-control'], 'no-store');

    const event = await announced;
    assert.equal(event.by, 'admin');
    assert.deepEqual(event.pending.reveals.map((r) => r.by), ['admin']);
    assert.ok(!JSON.stringify(event).includes(key), 'the bus event never carries the text');
    const listed = (await rig.admin('/admin/confirmations')).json as { items: { id: string; reveals: { by: string }[] }[] };
    assert.deepEqual(listed.items.find((i) => i.id === item.id)?.reveals.map((r) => r.by), ['admin']);
    const streamed = await stream.next((e) => e.event === 'pending' && (JSON.parse(e.data) as { change: string }).change === 'revealed').finally(() => stream.close());
    assert.deepEqual((JSON.parse(streamed.data) as { by: string; pending: { id: string } }).pending.id, item.id);
    assert.ok(!streamed.data.includes(key), 'the admin stream never carries the text');
    const logged = logLines.filter((l) => l.includes('confirmation revealed'));
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, new RegExp(`"pendingId":"${item.id}"`));
    assert.ok(!logLines.join('').includes(key), 'the log never carries the text');

    await rig.decide(item.id, 'deny');
    failure(await result);
    const after = await rig.admin(`/admin/confirmations/${item.id}/reveal`, { method: 'POST' });
    assert.equal(after.status, 409, 'a settled item cannot be revealed');
    assert.ok(!after.text.includes(key));
    assert.equal((await rig.admin('/admin/confirmations/pnd_unknown/reveal', { method: 'POST' })).status, 404);
  });

  it('each held exchange has one durable audit event with its decision and pending id, and no value', async () => {
    const key = awsKey(41);
    const approved = await rig.held(chat(`first ${key}`));
    await rig.decide(approved.item.id, 'approve_redacted');
    ok(await approved.result);
    const denied = await rig.held(chat(`second ${key}`));
    await rig.decide(denied.item.id, 'deny');
    failure(await denied.result);

    const events = [await rig.auditOf(approved.item.id), await rig.auditOf(denied.item.id)];
    assert.equal(events[0]!.decision, 'approved');
    assert.equal(events[1]!.errorCode, 'GW_ERR_CONFIRM_DENIED');
    await rig.gw.store.audit.flush();
    const page = (await rig.admin('/admin/audit?limit=500')).json as AuditPage;
    for (const event of events) {
      assert.deepEqual(page.events.filter((e) => e.pendingId === event.pendingId), [event], 'stored as announced, once');
    }
    const exported = await rig.admin('/admin/audit/export');
    assert.equal(exported.status, 200);
    assert.ok(!exported.text.includes(key), 'the audit trail never holds the value');
    const record = await rig.gw.store.pending.get(approved.item.id);
    assert.ok(!JSON.stringify(record).includes(key), 'nor does the pending record');
  });
});
