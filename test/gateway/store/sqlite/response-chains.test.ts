import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CHAIN_PLACEHOLDERS, MAX_RESPONSE_ID_LENGTH, ResponseChains } from '../../../../gateway/vault/response-chains.js';
import { openTestStore, tempDir } from '../helpers.js';

const P = ['[[EMAIL_7T3K9QMZ]]', '[[AWS_KEY_0B4N2C8R]]'];

test('a chain is kept per scope and response id, survives a reopen, expires and is pruned', async (t) => {
  const dir = await tempDir(t);
  let now = 1_000_000;
  const first = await openTestStore(t, dir, { now: () => now });
  await first.responseChains.put({ scope: 'app:a', responseId: 'resp_1', placeholders: P, expiresAt: now + 1000 });
  await first.close();
  const store = await openTestStore(t, dir, { now: () => now });
  assert.deepEqual(await store.responseChains.get('app:a', 'resp_1'), P);
  assert.equal(await store.responseChains.get('app:b', 'resp_1'), undefined, 'another scope does not see it');
  assert.equal(await store.responseChains.get('app:a', 'resp_2'), undefined);
  now += 1000;
  assert.equal(await store.responseChains.get('app:a', 'resp_1'), undefined, 'expired');
  assert.equal((await store.prune()).responseChains, 1);
});

test('ResponseChains: memory first, the store after a restart; bounded', async (t) => {
  const dir = await tempDir(t);
  const store = await openTestStore(t, dir);
  const chains = new ResponseChains({ persistence: store.responseChains, maxEntries: 2, ttlMs: 60_000 });
  await chains.record('app:a', 'resp_1', P);
  assert.deepEqual(await chains.placeholders('app:a', 'resp_1'), P);
  // Evicted from memory by two newer chains, still read back from the store.
  await chains.record('app:a', 'resp_2', P.slice(0, 1));
  await chains.record('app:a', 'resp_3', P.slice(1));
  assert.deepEqual(await new ResponseChains({ persistence: store.responseChains, maxEntries: 2, ttlMs: 60_000 }).placeholders('app:a', 'resp_1'), P);
  assert.deepEqual(await chains.placeholders('app:a', 'resp_1'), P);
  // Caps: ids longer than a provider's are neither stored nor looked up; a chain keeps its first placeholders.
  const long = 'r'.repeat(MAX_RESPONSE_ID_LENGTH + 1);
  await chains.record('app:a', long, P);
  assert.deepEqual(await chains.placeholders('app:a', long), []);
  const many = Array.from({ length: MAX_CHAIN_PLACEHOLDERS + 10 }, (_, i) => `[[EMAIL_${String(i).padStart(8, '0')}]]`);
  await chains.record('app:a', 'resp_many', many);
  assert.equal((await store.responseChains.get('app:a', 'resp_many'))!.length, MAX_CHAIN_PLACEHOLDERS);
});
