// Events written in wire form: fields in order, multi-line data as several data lines, and a
// round trip through a real SSE parser gives the same event back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import fc from 'fast-check';
import type { SseEvent } from '../../../gateway/stream/sse-event.js';
import { serializeSse } from '../../../gateway/stream/sse-serialize.js';

function parse(text: string): EventSourceMessage[] {
  const out: EventSourceMessage[] = [];
  createParser({ onEvent: (e) => out.push(e) }).feed(text);
  return out;
}

describe('serializeSse', () => {
  it('writes a bare data event', () => {
    assert.equal(serializeSse({ data: '{"a":1}' }), 'data: {"a":1}\n\n');
  });

  it('writes event, id and retry before the data', () => {
    assert.equal(serializeSse({ event: 'message_start', id: '7', retry: 1500, data: 'x' }), 'event: message_start\nid: 7\nretry: 1500\ndata: x\n\n');
  });

  it('splits multi-line data on any line ending into data lines', () => {
    assert.equal(serializeSse({ data: 'a\nb\r\nc\rd' }), 'data: a\ndata: b\ndata: c\ndata: d\n\n');
    assert.equal(serializeSse({ data: 'end\n' }), 'data: end\ndata: \n\n');
  });

  it('writes empty data as an empty data line, which is still an event', () => {
    assert.equal(serializeSse({ data: '' }), 'data: \n\n');
    assert.deepEqual(parse(serializeSse({ data: '' })).map((e) => e.data), ['']);
  });

  it('property: parse(serialize(e)) is e, line endings in data normalised to \\n', () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', ':', '{', '"', 'é', '😀', '\u0000', 'data: '), maxLength: 10 });
    const eventArb = fc.record(
      {
        event: fc.string({ unit: fc.constantFrom('a', '_', '.', '-', '1', 'é'), minLength: 1, maxLength: 10 }),
        id: fc.string({ unit: fc.constantFrom('a', '1', '-', ' '), maxLength: 6 }),
        data: fc.array(line, { minLength: 1, maxLength: 4 }).chain((lines) =>
          fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: lines.length - 1, maxLength: lines.length - 1 }).map((ends) =>
            lines.map((l, i) => l + (ends[i] ?? '')).join(''))),
      },
      { requiredKeys: ['data'] },
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 6 }), (events: SseEvent[]) => {
        const parsed = parse(events.map(serializeSse).join(''));
        assert.equal(parsed.length, events.length);
        parsed.forEach((p, i) => {
          const e = events[i]!;
          assert.equal(p.data, e.data.replace(/\r\n|\r/g, '\n'));
          assert.equal(p.event, e.event);
          assert.equal(p.id, e.id);
        });
      }),
      { numRuns: 300 },
    );
  });
});
