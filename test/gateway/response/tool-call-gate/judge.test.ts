import { test } from 'node:test';
import assert from 'node:assert/strict';
import { andThen, judgeInOrder, type GatedCall, type Judgement } from '../../../../gateway/response/tool-call-gate/judge.js';

const calls: GatedCall[] = [0, 1, 2].map((index) => ({ name: `f${index}`, arguments: '{}', index }));
const release: Judgement = { release: true };

test('a synchronous judge keeps judging synchronous', () => {
  const out = judgeInOrder(calls, () => release);
  assert.ok(Array.isArray(out));
  assert.equal(out.length, 3);
  assert.equal(andThen(out, (js) => js.length), 3);
});

test('an asynchronous judge is asked one call at a time, in order', async () => {
  let pending = 0;
  const order: number[] = [];
  const out = judgeInOrder(calls, async (call) => {
    assert.equal(pending++, 0, 'never two questions at once');
    order.push(call.index);
    await new Promise((r) => setImmediate(r));
    pending--;
    return call.index === 1 ? { release: false, refusal: 'no' } : release;
  });
  assert.ok(out instanceof Promise);
  assert.deepEqual(await out, [release, { release: false, refusal: 'no' }, release]);
  assert.deepEqual(order, [0, 1, 2]);
});

test('a judge that fails rejects the whole step (the stream is cut, nothing is released)', async () => {
  const out = judgeInOrder(calls, (call) => (call.index === 0 ? release : Promise.reject(new Error('store down'))));
  await assert.rejects(Promise.resolve(out), /store down/);
});

test('a judge answering with a foreign thenable still yields a native promise (what the sink waits on)', async () => {
  const thenable = { then: (resolve: (j: Judgement) => void) => resolve(release) } as unknown as Promise<Judgement>;
  const out = judgeInOrder(calls.slice(0, 1), () => thenable);
  assert.ok(out instanceof Promise);
  assert.deepEqual(await out, [release]);
});
