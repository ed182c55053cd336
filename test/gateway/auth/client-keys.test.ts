import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ClientKeyVerifier } from '../../../gateway/auth/client-keys.js';
import { GatewayError } from '../../../gateway/errors.js';
import type { ClientKeysRepo } from '../../../gateway/store/types.js';
import { openTestStore, tempDir } from '../store/helpers.js';

/** The real SQLite repo, with its lookups counted. */
function counted(repo: ClientKeysRepo): { repo: ClientKeysRepo; lookups: () => number } {
  let lookups = 0;
  return {
    lookups: () => lookups,
    repo: {
      create: (input) => repo.create(input),
      verify: (key) => {
        lookups++;
        return repo.verify(key);
      },
      list: () => repo.list(),
      revoke: (id) => repo.revoke(id),
      setPreset: (id, preset) => repo.setPreset(id, preset),
      touch: (id) => repo.touch(id),
    },
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomKey = () => `agk_${[...randomBytes(43)].map((b) => BASE62[b % 62]).join('')}`;

async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof GatewayError, String(err));
    return err.code;
  }
  return 'ok';
}

async function setup(t: Parameters<typeof openTestStore>[0], ttlMs = 5000) {
  const store = await openTestStore(t, await tempDir(t));
  const { repo, lookups } = counted(store.clientKeys);
  const good = await store.clientKeys.create({ name: 'ci', app: 'codex' });
  return { store, lookups, good, verifier: new ClientKeyVerifier(repo, { ttlMs }) };
}

describe('ClientKeyVerifier and the failed-auth budget', () => {
  it('verifies through the store once, then from memory within the TTL', async (t) => {
    const { verifier, good, lookups } = await setup(t);
    const first = verifier.verify(good.key, 10, 0);
    assert.ok(first instanceof Promise);
    assert.equal((await first).id, good.id);
    const second = verifier.verify(good.key, 10, 4999);
    assert.ok(!(second instanceof Promise), 'answered synchronously from the cache');
    assert.equal(second.id, good.id);
    assert.equal(lookups(), 1);
  });

  it('refuses unknown keys with 401 until the budget is spent, then 429 without touching the store', async (t) => {
    const { verifier, lookups } = await setup(t);
    const perMinute = 5;
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) codes.push(await codeOf(() => verifier.verify(randomKey(), perMinute, 0)));
    assert.deepEqual(codes, [...Array(5).fill('GW_ERR_AUTH_INVALID_KEY'), ...Array(3).fill('GW_ERR_AUTH_THROTTLED')]);
    assert.equal(lookups(), 5, 'throttled attempts never reach the store');
    // The budget refills at failedPerMinute: one more try after 12 s.
    assert.equal(await codeOf(() => verifier.verify(randomKey(), perMinute, 12_000)), 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(await codeOf(() => verifier.verify(randomKey(), perMinute, 12_000)), 'GW_ERR_AUTH_THROTTLED');
  });

  it('keeps known keys working through a flood, even past their TTL; a good new key costs no budget', async (t) => {
    const { verifier, good, store } = await setup(t, 1000);
    await verifier.verify(good.key, 3, 0);
    const other = await store.clientKeys.create({ name: 'other', app: 'curl' });
    // A good key's lookup takes a token and gives it back, so three bad ones still fit after it.
    assert.equal((await verifier.verify(other.key, 3, 0)).id, other.id);
    for (let i = 0; i < 3; i++) assert.equal(await codeOf(() => verifier.verify(randomKey(), 3, 0)), 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(await codeOf(() => verifier.verify(randomKey(), 3, 0)), 'GW_ERR_AUTH_THROTTLED');
    assert.equal(await codeOf(() => verifier.verify(good.key, 3, 10)), 'ok');
    // Past the TTL the store is asked again, but a key we knew takes nothing from the spent budget.
    for (let now = 1500; now < 20_000; now += 1500) {
      for (let i = 0; i < 5; i++) await codeOf(() => verifier.verify(randomKey(), 3, now));
      assert.equal(await codeOf(() => verifier.verify(good.key, 3, now)), 'ok', `at ${now} ms`);
    }
    // 3 a minute refills exactly one token by 20 s; just before it the budget is still spent.
    assert.equal(await codeOf(() => verifier.verify(randomKey(), 3, 19_999)), 'GW_ERR_AUTH_THROTTLED');
  });

  it('a key revoked in the store stops working once its TTL passes, even without an event', async (t) => {
    const { verifier, good, store } = await setup(t, 1000);
    await verifier.verify(good.key, 10, 0);
    await store.clientKeys.revoke(good.id);
    assert.equal(await codeOf(() => verifier.verify(good.key, 10, 500)), 'ok', 'cached within the TTL');
    assert.equal(await codeOf(() => verifier.verify(good.key, 10, 1000)), 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(verifier.size, 0);
  });

  it('revoke(id) forgets the key at once, including a lookup that was in flight', async (t) => {
    const { verifier, good, store } = await setup(t);
    await verifier.verify(good.key, 10, 0);
    await store.clientKeys.revoke(good.id);
    verifier.revoke(good.id);
    assert.equal(await codeOf(() => verifier.verify(good.key, 10, 1)), 'GW_ERR_AUTH_INVALID_KEY');

    const other = await store.clientKeys.create({ name: 'o', app: 'a' });
    const racing = verifier.verify(other.key, 10, 2);
    verifier.revoke(other.id);
    await racing;
    assert.equal(verifier.size, 0, 'a lookup that raced a revocation is not remembered');
  });
});
