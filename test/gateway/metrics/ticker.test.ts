import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { everySecond, everySecondWhileBusy } from '../../../gateway/metrics/ticker.js';

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

describe('everySecondWhileBusy', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 + 400 }));
  afterEach(() => mock.timers.reset());

  it('does nothing until woken, sleeps once the callback says nothing is going on, and wakes again', () => {
    let busyFor = 2;
    let n = 0;
    const ticker = everySecondWhileBusy(() => (++n, --busyFor > 0));
    advance(5000);
    assert.equal(n, 0, 'asleep from the start');
    ticker.wake();
    ticker.wake(); // waking an awake ticker starts no second timer
    advance(10_000);
    assert.equal(n, 2, 'one busy tick, then the one that found nothing, then sleep');
    busyFor = 1;
    ticker.wake();
    advance(10_000);
    assert.equal(n, 3);
    ticker.stop();
    ticker.wake();
    advance(5000);
    assert.equal(n, 3, 'a stopped ticker stays stopped');
  });
});
