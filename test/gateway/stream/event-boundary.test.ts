import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EventAlignedRelay, lastEventEnd } from '../../../gateway/stream/event-boundary.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('lastEventEnd', () => {
  it('finds blank lines in every line-ending style, and none inside a line or after one ending', () => {
    assert.equal(lastEventEnd(b(''), b('data: a\n\ndata: b')), 9);
    assert.equal(lastEventEnd(b(''), b('data: a\r\n\r\ndata')), 11);
    assert.equal(lastEventEnd(b(''), b('data: a\r\rx')), 9);
    assert.equal(lastEventEnd(b(''), b('data: a\r\n')), -1);
    assert.equal(lastEventEnd(b(''), b('data: a\ndata: b\n')), -1);
    assert.equal(lastEventEnd(b('a\n'), b('\nb')), 1, 'a blank line split across reads');
    assert.equal(lastEventEnd(b('a\r'), b('\n')), -1, 'a \\r\\n split across reads is one ending');
    assert.equal(lastEventEnd(b('\r\n'), b('\r\n')), 2);
  });
});

describe('EventAlignedRelay', () => {
  const event = fc.constantFrom('data: {"a":1}', 'event: x\ndata: y', ': comment', 'data: a\r\ndata: b', 'data:');
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  const stream = fc.array(fc.tuple(event, eol), { minLength: 1, maxLength: 8 }).map((evs) => evs.map(([e, n]) => e.replace(/\n/g, n) + n + n).join(''));

  it('relays every byte in order, over any split, and each release ends on an event boundary', () => {
    fc.assert(fc.property(stream, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
      const whole = b(text);
      const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((x, y) => x - y);
      const relay = new EventAlignedRelay();
      const out: Buffer[] = [];
      let from = 0;
      for (const p of [...points, whole.length]) {
        const ready = relay.push(whole.subarray(from, p));
        from = p;
        if (ready) {
          out.push(ready);
          const sent = Buffer.concat(out).toString('latin1');
          // A boundary: what was sent so far is a prefix of the stream that ends with a blank line.
          assert.match(sent, /(\n|\r)(\n|\r\n|\r)$/);
        }
      }
      const rest = relay.flush();
      if (rest) out.push(rest);
      assert.equal(Buffer.concat(out).toString('latin1'), text);
    }));
  });

  it('holds back a partial event until its blank line arrives', () => {
    const relay = new EventAlignedRelay();
    assert.equal(relay.push(b('data: {"a":')), undefined);
    assert.equal(relay.push(b('1}\n\ndata: {"b"'))?.toString(), 'data: {"a":1}\n\n');
    assert.equal(relay.flush()?.toString(), 'data: {"b"');
  });
});
