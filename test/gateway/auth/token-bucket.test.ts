import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { perMinute, retryAfterSeconds, TokenBucket } from '../../../gateway/auth/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, allows a burst of `capacity`, then says how long until the next token', () => {
    const rate = perMinute(60); // one per second
    const bucket = new TokenBucket(3, 0);
    assert.deepEqual([bucket.take(0, 3, rate), bucket.take(0, 3, rate), bucket.take(0, 3, rate)], [0, 0, 0]);
    assert.equal(bucket.take(0, 3, rate), 1000);
    assert.equal(bucket.take(400, 3, rate), 600, 'a refused take consumes nothing and the wait shrinks');
    assert.equal(bucket.take(1000, 3, rate), 0);
  });

  it('refills at the sustained rate up to capacity, never above', () => {
    const rate = perMinute(120); // one per 500 ms
    const bucket = new TokenBucket(2, 0);
    bucket.take(0, 2, rate);
    bucket.take(0, 2, rate);
    assert.equal(bucket.available(250, 2, rate), 0.5);
    assert.equal(bucket.available(10_000, 2, rate), 2);
    assert.equal(bucket.isFull(10_000, 2, rate), true);
  });

  it('applies a new capacity or rate on the next call (live config)', () => {
    const bucket = new TokenBucket(100, 0);
    assert.equal(bucket.take(0, 2, perMinute(60)), 0, 'shrunk to 2: one taken');
    assert.equal(bucket.take(0, 2, perMinute(60)), 0);
    assert.ok(bucket.take(0, 2, perMinute(60)) > 0, 'the old capacity of 100 is gone');
    assert.equal(bucket.take(10, 2, perMinute(600_000)), 0, 'a faster rate refills sooner');
  });

  it('never gains tokens when the clock steps back', () => {
    const bucket = new TokenBucket(1, 1000);
    assert.equal(bucket.take(1000, 1, perMinute(60)), 0);
    assert.ok(bucket.take(0, 1, perMinute(60)) > 0);
    assert.ok(bucket.take(1500, 1, perMinute(60)) > 0, 'still half a second short');
  });

  it('refund gives back a token, up to capacity', () => {
    const bucket = new TokenBucket(1, 0);
    bucket.take(0, 1, perMinute(1));
    bucket.refund(1);
    bucket.refund(1);
    assert.equal(bucket.available(0, 1, perMinute(1)), 1);
  });

  it('over any schedule, admits at most capacity + elapsed × rate requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 200 }),
        (capacity, rpm, gaps) => {
          const rate = perMinute(rpm);
          const bucket = new TokenBucket(capacity, 0);
          let now = 0;
          let admitted = 0;
          for (const gap of gaps) {
            now += gap;
            const wait = bucket.take(now, capacity, rate);
            if (wait === 0) admitted++;
            else assert.equal(bucket.take(now + wait, capacity, rate), 0, 'the promised wait is enough');
            if (wait !== 0) {
              admitted++;
              now += wait;
            }
          }
          assert.ok(admitted <= capacity + now * rate + 1e-9);
        },
      ),
    );
  });

  it('the promised wait is enough even when the refill sums round down (1 token, 5/min, 1830 ms)', () => {
    const rate = perMinute(5);
    const bucket = new TokenBucket(1, 0);
    assert.equal(bucket.take(0, 1, rate), 0);
    const wait = bucket.take(1830, 1, rate);
    assert.equal(bucket.take(1830 + wait, 1, rate), 0);
  });

  it('Retry-After is whole seconds, at least 1', () => {
    assert.equal(retryAfterSeconds(1), 1);
    assert.equal(retryAfterSeconds(1000), 1);
    assert.equal(retryAfterSeconds(1001), 2);
    assert.equal(retryAfterSeconds(60_000), 60);
  });
});
