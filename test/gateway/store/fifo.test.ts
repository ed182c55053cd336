import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FifoQueue } from '../../../gateway/store/fifo.js';

test('behaves like an array used as a queue, including put-back at the front', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('push' as const), n: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('take' as const), n: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('takeAndPutBack' as const), n: fc.integer({ min: 1, max: 30 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const q = new FifoQueue<number>();
      const model: number[] = [];
      let next = 0;
      for (const o of ops) {
        if (o.kind === 'push') {
          for (let i = 0; i < o.n; i++) {
            q.push(next);
            model.push(next++);
          }
        } else {
          const got = q.takeFront(o.n);
          assert.deepEqual(got, model.slice(0, o.n));
          if (o.kind === 'take') model.splice(0, o.n);
          else q.putBackFront(got);
        }
        assert.equal(q.length, model.length);
      }
      assert.deepEqual(q.takeFront(Number.MAX_SAFE_INTEGER), model);
    }),
  );
});
