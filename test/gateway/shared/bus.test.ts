import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypedBus, type Bus } from '../../../gateway/shared/bus.js';

interface Events {
  tick: number;
  other: { name: string };
}

test('each registration has its own unsubscribe, even for the same function', () => {
  const bus = new TypedBus<Events>();
  const seen: number[] = [];
  const listener = (n: number) => void seen.push(n);
  const offFirst = bus.on('tick', listener);
  bus.on('tick', listener);
  bus.emit('tick', 1);
  offFirst();
  bus.emit('tick', 2);
  assert.deepEqual(seen, [1, 1, 2]);
  assert.equal(bus.listenerCount('tick'), 1);
  assert.equal(bus.listenerCount('other'), 0);
});

test('a throwing listener is reported with its event and the others still hear it', () => {
  const reported: [unknown, keyof Events][] = [];
  const bus = new TypedBus<Events>((err, event) => void reported.push([err, event]));
  const boom = new Error('listener failed');
  const seen: string[] = [];
  bus.on('other', () => {
    throw boom;
  });
  bus.on('other', ({ name }) => void seen.push(name));
  assert.doesNotThrow(() => bus.emit('other', { name: 'a' }));
  assert.deepEqual(seen, ['a']);
  assert.deepEqual(reported, [[boom, 'other']]);
});

test('a bus of a larger map serves a module that takes only its own events', () => {
  const bus = new TypedBus<Events & { extra: boolean }>();
  const narrow: Bus<Pick<Events, 'tick'>> = bus;
  const seen: number[] = [];
  bus.on('tick', (n) => void seen.push(n));
  narrow.emit('tick', 3);
  assert.deepEqual(seen, [3]);
});
