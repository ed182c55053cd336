// The admin stream's numbering and replay ring: ids only grow; a resume gets exactly the retained
// events after its id, or a reset when that id was dropped from the ring or was never issued here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EventLog } from '../../../gateway/admin/event-log.js';

describe('EventLog', () => {
  it('numbers events from the start id and frames them as SSE', () => {
    const log = new EventLog(3, 100);
    const e = log.append('audit', { a: 1 }, true);
    assert.equal(e.id, 101);
    assert.equal(e.frame, 'id: 101\nevent: audit\ndata: {"a":1}\n\n');
    assert.equal(log.append('metrics', {}, false).id, 102);
    assert.equal(log.lastId, 102);
    assert.equal(log.size, 1);
  });

  it('replays retained events after an id, skipping live-only ones', () => {
    const log = new EventLog(10, 0);
    log.append('audit', 1, true); // 1
    log.append('metrics', 2, false); // 2
    log.append('audit', 3, true); // 3
    log.append('config', 4, true); // 4
    assert.deepEqual(log.since(0), { kind: 'events', events: [1, 3, 4].map((id) => ({ id, type: id === 4 ? 'config' : 'audit', frame: `id: ${id}\nevent: ${id === 4 ? 'config' : 'audit'}\ndata: ${id}\n\n` })) });
    assert.deepEqual(replayIds(log, 2), [3, 4]);
    assert.deepEqual(replayIds(log, 4), []);
  });

  it('resets for an id older than the ring, or one never issued', () => {
    const log = new EventLog(2, 0);
    for (let i = 0; i < 5; i++) log.append('audit', i, true); // ids 1..5, ring holds 4, 5
    assert.deepEqual(log.since(2), { kind: 'reset', reason: 'gap' });
    assert.deepEqual(replayIds(log, 3), [4, 5]);
    assert.deepEqual(log.since(6), { kind: 'reset', reason: 'unknown-id' });
    assert.deepEqual(new EventLog(5, 1000).since(999), { kind: 'reset', reason: 'gap' });
  });

  it('drops the oldest events past its byte budget, even the newest one when it alone is too big', () => {
    const log = new EventLog(100, 0, 100);
    for (let i = 0; i < 5; i++) log.append('audit', 'x'.repeat(10), true); // 43 characters a frame
    assert.ok(log.bytes <= 100);
    assert.deepEqual(replayIds(log, 3), [4, 5]);
    assert.deepEqual(log.since(2), { kind: 'reset', reason: 'gap' });
    log.append('config', 'y'.repeat(200), true);
    assert.equal(log.size, 0);
    assert.equal(log.bytes, 0);
    assert.deepEqual(log.since(5), { kind: 'reset', reason: 'gap' });
    assert.deepEqual(replayIds(log, 6), []);
  });

  it('starts above every id a previous run could have issued', () => {
    const before = Date.now() * 1000;
    const log = new EventLog(1);
    assert.ok(log.lastId >= before);
    assert.ok(Number.isSafeInteger(log.lastId + 1_000_000_000));
  });

  it('property: a resume gets exactly the retained events after its id, else a reset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { maxLength: 40 }), fc.integer({ min: -2, max: 45 }), (capacity, retains, lastId) => {
        const log = new EventLog(capacity, 0);
        retains.forEach((retain, i) => log.append('e', i, retain));
        const retained = retains.flatMap((r, i) => (r ? [i + 1] : []));
        const held = retained.slice(-capacity);
        const dropped = retained.slice(0, retained.length - held.length);
        const floor = dropped.length ? dropped[dropped.length - 1] : 0;
        const result = log.since(lastId);
        if (lastId > retains.length) assert.deepEqual(result, { kind: 'reset', reason: 'unknown-id' });
        else if (lastId < floor) assert.deepEqual(result, { kind: 'reset', reason: 'gap' });
        else assert.deepEqual(result.kind === 'events' && result.events.map((e) => e.id), held.filter((id) => id > lastId));
      }),
    );
  });

  it('record defers the frame but replays exactly what append would have kept, within both budgets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 40, max: 200 }),
        fc.array(fc.record({ retain: fc.boolean(), framed: fc.boolean(), size: fc.integer({ min: 0, max: 120 }), observe: fc.boolean() }), { maxLength: 40 }),
        fc.integer({ min: -2, max: 45 }),
        (capacity, maxBytes, steps, lastId) => {
          const eager = new EventLog(capacity, 0, maxBytes);
          const lazy = new EventLog(capacity, 0, maxBytes);
          for (const step of steps) {
            const data = 'x'.repeat(step.size);
            eager.append('e', data, step.retain);
            if (step.framed) lazy.append('e', data, step.retain);
            else lazy.record('e', data, step.retain);
            // Observing mid-way (size, bytes, a replay) must not change what follows.
            if (step.observe) assert.deepEqual([lazy.size, lazy.bytes], [eager.size, eager.bytes]);
          }
          assert.equal(lazy.lastId, eager.lastId);
          assert.deepEqual(lazy.since(lastId), eager.since(lastId));
          assert.deepEqual([lazy.size, lazy.bytes], [eager.size, eager.bytes]);
        },
      ),
    );
  });

  it('never serialises a recorded event the ring dropped before anyone asked', () => {
    const log = new EventLog(2, 0);
    let serialised = 0;
    const payload = (n: number) => ({ toJSON: () => (serialised++, n) });
    for (let i = 0; i < 10; i++) log.record('audit', payload(i), true);
    assert.equal(serialised, 0);
    assert.deepEqual(replayIds(log, 8), [9, 10]);
    assert.equal(serialised, 2);
  });
});

function replayIds(log: EventLog, lastId: number): number[] {
  const r = log.since(lastId);
  assert.equal(r.kind, 'events');
  return r.kind === 'events' ? r.events.map((e) => e.id) : [];
}
