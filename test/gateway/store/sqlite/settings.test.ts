import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock, openTestStore, tempDir } from '../helpers.js';

test('settings round-trip JSON with their version; put replaces', async (t) => {
  const clock = manualClock();
  const store = await openTestStore(t, await tempDir(t), { now: clock.now });
  assert.equal(await store.settings.get('config'), undefined);
  await store.settings.put('config', { port: 18080, providers: { openai: { baseUrl: 'http://x' } } }, 1);
  assert.deepEqual(await store.settings.get('config'), {
    version: 1, value: { port: 18080, providers: { openai: { baseUrl: 'http://x' } } }, updatedAt: clock.now(),
  });
  clock.advance(5);
  await store.settings.put('config', { port: 1 }, 2);
  assert.deepEqual(await store.settings.get('config'), { version: 2, value: { port: 1 }, updatedAt: clock.now() });
});

test('a bad version or a non-JSON value is refused', async (t) => {
  const store = await openTestStore(t, await tempDir(t));
  await assert.rejects(store.settings.put('k', {}, -1), /version/);
  await assert.rejects(store.settings.put('k', {}, 1.5), /version/);
  await assert.rejects(store.settings.put('k', undefined, 1), /JSON/);
});
