import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientLimits, type RateLimits } from '../../../gateway/auth/client-limits.js';
import { GatewayError } from '../../../gateway/errors.js';

const limits: RateLimits = { requestsPerMinute: 60, burst: 2, concurrent: 10 };

function refusal(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('ClientLimits', () => {
  it('rate-limits each client on its own bucket, with Retry-After until the next token', () => {
    const table = new ClientLimits(0);
    table.acquire('a', limits, 0);
    table.acquire('a', limits, 0);
    const err = refusal(() => table.acquire('a', limits, 0));
    assert.equal(err.code, 'GW_ERR_RATE_LIMITED');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 1);
    table.acquire('b', limits, 0);
    table.acquire('b', limits, 0);
    table.acquire('a', limits, 1000);
  });

  it('caps requests in flight per client; a released slot is reusable; refusals take nothing', () => {
    const table = new ClientLimits(0);
    const tight = { ...limits, burst: 100, concurrent: 2 };
    const s1 = table.acquire('a', tight, 0);
    table.acquire('a', tight, 0);
    const err = refusal(() => table.acquire('a', tight, 0));
    assert.equal(err.code, 'GW_ERR_CONCURRENCY_LIMITED');
    assert.equal(err.retryAfter, 1);
    table.release(s1);
    table.acquire('a', tight, 0);

    const slow = { requestsPerMinute: 1, burst: 1, concurrent: 5 };
    const s = table.acquire('c', slow, 0);
    table.release(s);
    assert.equal(refusal(() => table.acquire('c', slow, 0)).code, 'GW_ERR_RATE_LIMITED');
    // A rate refusal must not hold a slot: five more refusals, then after refill one is admitted.
    for (let i = 0; i < 5; i++) refusal(() => table.acquire('c', slow, 0));
    table.acquire('c', slow, 60_000);
  });

  it('reads limits per call, so a lowered limit applies to the next request', () => {
    const table = new ClientLimits(0);
    table.acquire('a', { ...limits, burst: 100 }, 0);
    table.acquire('a', { ...limits, burst: 2 }, 0);
    table.acquire('a', { ...limits, burst: 2 }, 0);
    assert.equal(refusal(() => table.acquire('a', { ...limits, burst: 2 }, 0)).code, 'GW_ERR_RATE_LIMITED');
    assert.equal(refusal(() => table.acquire('a', { ...limits, burst: 100, concurrent: 3 }, 0)).code, 'GW_ERR_CONCURRENCY_LIMITED');
  });

  it('evicts idle clients (nothing in flight, bucket refilled) and keeps busy ones', () => {
    const table = new ClientLimits(0);
    for (let i = 0; i < 100; i++) table.release(table.acquire(`idle-${i}`, limits, 0));
    table.acquire('busy', limits, 0);
    table.acquire('spent', limits, 0);
    table.release(table.acquire('spent', limits, 0));
    assert.equal(table.sweep(limits, 500), 0, 'nobody has refilled after half a second');
    assert.equal(table.sweep(limits, 2000), 100, 'idle clients are full again after two seconds');
    assert.equal(table.size, 2);
    // 'spent' is full after 2 s too, but 'busy' still holds a slot.
    assert.equal(table.sweep(limits, 3000), 0);
    assert.equal(table.size, 2);
  });

  it('stays bounded under a stream of distinct clients without an explicit sweep', () => {
    const table = new ClientLimits(0);
    let now = 0;
    for (let i = 0; i < 50_000; i++) {
      now += 10;
      table.release(table.acquire(`ua-${i}`, limits, now));
    }
    assert.ok(table.size < 3000, `table grew to ${table.size}`);
  });
});
