import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { everySecond } from '../../../gateway/metrics/ticker.js';

const T0 = 1_750_000_000_000;

/** Node 20's mock clock jumps to the end of a tick before running timers, so advance in small steps. */
function advance(ms: number): void {
  for (let i = 0; i < ms; i += 10) mock.timers.tick(10);
}

describe('everySecond', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 + 400 }));
  afterEach(() => mock.timers.reset());

  it('fires just after each wall-clock second, once per second, until stopped', () => {
    const at: number[] = [];
    const stop = everySecond(() => at.push(Date.now()), 20);
    advance(610);
    assert.deepEqual(at, []);
    advance(10);
    assert.deepEqual(at, [T0 + 1020]);
    advance(3000);
    assert.deepEqual(at, [T0 + 1020, T0 + 2020, T0 + 3020, T0 + 4020]);
    stop();
    advance(5000);
    assert.equal(at.length, 4);
  });

  it('stopping from inside the callback ends it too', () => {
    let n = 0;
    const stop = everySecond(() => {
      if (++n === 2) stop();
    });
    advance(10_000);
    assert.equal(n, 2);
  });
});
