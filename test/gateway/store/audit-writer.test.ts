import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { AuditBatchError, AuditWriter, type AuditSink } from '../../../gateway/store/audit-writer.js';
import { auditEvent } from './helpers.js';

/** An in-memory sink that records batches and can be told to fail. */
class RecordingSink implements AuditSink {
  batches: string[][] = [];
  failNext = 0;
  writeBatch(events: readonly AuditEvent[]): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('disk full');
    }
    this.batches.push(events.map((e) => e.id));
  }
  get ids(): string[] {
    return this.batches.flat();
  }
}

test('enqueue never writes on its own stack; the timer writes one batch', async () => {
  const sink = new RecordingSink();
  const writer = new AuditWriter(sink, { flushIntervalMs: 20 });
  const events = Array.from({ length: 10 }, () => auditEvent());
  for (const e of events) assert.equal(writer.enqueue(e), true);
  assert.equal(sink.batches.length, 0);
  assert.equal(writer.depth, 10);
  for (let i = 0; i < 100 && sink.batches.length === 0; i++) await sleep(10);
  assert.deepEqual(sink.batches, [events.map((e) => e.id)]);
  assert.equal(writer.depth, 0);
  await writer.close();
});

test('a full threshold writes promptly, in batches no larger than maxBatch, in order', async () => {
  const sink = new RecordingSink();
  const writer = new AuditWriter(sink, { flushIntervalMs: 60_000, flushEvery: 100, maxBatch: 64, capacity: 10_000 });
  const events = Array.from({ length: 1000 }, () => auditEvent());
  for (const e of events) writer.enqueue(e);
  for (let i = 0; i < 200 && sink.ids.length < 960; i++) await sleep(5);
  assert.ok(sink.batches.every((b) => b.length <= 64));
  assert.ok(sink.ids.length >= 960, `threshold drained without waiting for the interval (${sink.ids.length})`);
  await writer.close();
  assert.deepEqual(sink.ids, events.map((e) => e.id));
});

test('a full queue refuses new events and keeps every accepted one', async () => {
  const sink = new RecordingSink();
  const writer = new AuditWriter(sink, { capacity: 5, flushIntervalMs: 60_000, flushEvery: 1000 });
  const accepted = [];
  for (let i = 0; i < 8; i++) {
    const e = auditEvent();
    if (writer.enqueue(e)) accepted.push(e.id);
  }
  assert.equal(accepted.length, 5);
  assert.equal(writer.hasCapacity(), false);
  await writer.flush();
  assert.equal(writer.hasCapacity(), true);
  assert.deepEqual(sink.ids, accepted);
  await writer.close();
});

test('a failing sink loses nothing: the batch is retried in order', async () => {
  const sink = new RecordingSink();
  const errors: unknown[] = [];
  const writer = new AuditWriter(sink, { flushIntervalMs: 5, retryDelayMs: 5, onError: (e) => errors.push(e) });
  sink.failNext = 3;
  const events = Array.from({ length: 20 }, () => auditEvent());
  for (const e of events) writer.enqueue(e);
  for (let i = 0; i < 200 && sink.ids.length < 20; i++) await sleep(5);
  assert.equal(errors.length, 1, 'a run of failures is reported once (rate-limited)');
  assert.ok(errors[0] instanceof AuditBatchError && errors[0].consecutive === 1);
  assert.deepEqual(sink.ids, events.map((e) => e.id));
  assert.equal(writer.failing, 0, 'healthy again');
  await writer.close();
});

test('failing batches are counted in a row and reported at most once per failureReportMs', async () => {
  const sink = new RecordingSink();
  const reports: AuditBatchError[] = [];
  const writer = new AuditWriter(sink, { flushIntervalMs: 60_000, retryDelayMs: 60_000, failureReportMs: 0, onError: (e) => reports.push(e as AuditBatchError) });
  sink.failNext = 3;
  writer.enqueue(auditEvent());
  for (let i = 1; i <= 3; i++) {
    await assert.rejects(writer.flush(), /disk full/);
    assert.equal(writer.failing, i);
  }
  assert.deepEqual(reports.map((r) => r.consecutive), [1, 2, 3], 'with no rate limit, every failure is reported');
  await writer.flush();
  assert.equal(writer.failing, 0);

  const quiet: AuditBatchError[] = [];
  const limited = new AuditWriter(sink, { flushIntervalMs: 60_000, retryDelayMs: 60_000, onError: (e) => quiet.push(e as AuditBatchError) });
  sink.failNext = 4;
  limited.enqueue(auditEvent());
  for (let i = 0; i < 4; i++) await assert.rejects(limited.flush());
  assert.equal(quiet.length, 1, 'the default 10 s limit: one line for four failures');
  assert.equal(limited.failing, 4);
  await limited.close();
  await writer.close();
});

test('flush rejects while the sink fails, keeping the events queued', async () => {
  const sink = new RecordingSink();
  const writer = new AuditWriter(sink, { flushIntervalMs: 60_000, retryDelayMs: 60_000 });
  sink.failNext = 1;
  writer.enqueue(auditEvent());
  await assert.rejects(writer.flush(), /disk full/);
  assert.equal(writer.depth, 1);
  await writer.close();
  assert.equal(sink.ids.length, 1);
});

test('close drains everything, then refuses', async () => {
  const sink = new RecordingSink();
  const writer = new AuditWriter(sink, { flushIntervalMs: 60_000, maxBatch: 7 });
  for (let i = 0; i < 50; i++) writer.enqueue(auditEvent());
  await writer.close();
  assert.equal(sink.ids.length, 50);
  assert.equal(writer.enqueue(auditEvent()), false);
  assert.equal(writer.hasCapacity(), false);
});

test('onFlushed reports the ids of each committed batch; unsubscribe stops it', async () => {
  const sink = new RecordingSink();
  const writer = new AuditWriter(sink, { flushIntervalMs: 60_000, maxBatch: 3 });
  const seen: string[][] = [];
  const off = writer.onFlushed((ids) => seen.push([...ids]));
  const events = Array.from({ length: 5 }, () => auditEvent());
  for (const e of events) writer.enqueue(e);
  await writer.flush();
  assert.deepEqual(seen, sink.batches);
  off();
  writer.enqueue(auditEvent());
  await writer.flush();
  assert.equal(seen.flat().length, 5);
  await writer.close();
});

test('an async sink: depth counts the batch in flight, and flushes do not overlap', async () => {
  let active = 0;
  let maxActive = 0;
  const written: string[] = [];
  const writer = new AuditWriter(
    {
      async writeBatch(events) {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(5);
        written.push(...events.map((e) => e.id));
        active--;
      },
    },
    { flushIntervalMs: 1, maxBatch: 4, capacity: 10 },
  );
  for (let i = 0; i < 10; i++) assert.equal(writer.enqueue(auditEvent()), true);
  await sleep(2);
  assert.equal(writer.enqueue(auditEvent()), false, 'in-flight events still count toward capacity');
  await Promise.all([writer.flush(), writer.flush()]);
  await writer.close();
  assert.equal(maxActive, 1);
  assert.equal(written.length, 10);
});
