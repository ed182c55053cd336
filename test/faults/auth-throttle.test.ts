// Failed-authentication throttling limits the failing source, not everyone: after a flood of bad
// keys from one app (past auth.failedPerMinute), a valid key never used before, from another app,
// still gets 200 — also on a fresh gateway, where no key is cached yet.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { postJson } from '../helpers/http.js';

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomKey = () => `agk_${[...randomBytes(43)].map((b) => BASE62[b % 62]).join('')}`;

describe('failed-authentication throttling per source', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gateway = await startTestGateway(fake.url, { auth: { requireClientKey: true, failedPerMinute: 10, failedPerMinuteGlobal: 1000 } });
  });
  after(async () => {
    await gateway.close();
    await fake.close();
  });

  const as = (key: string, app: string) => postJson(gateway.url, '/v1/chat/completions', chat, { 'x-aegis-key': key, 'x-aegis-app': app });
  const codeOf = (r: { headers: Record<string, unknown> }) => String(r.headers['x-aegis-error']);

  it('a flood of random bad keys from one app throttles that app; a new valid key from another app works', async () => {
    const good = (await gateway.store.clientKeys.create({ name: 'good', app: 'codex' })).key;
    const flood = await Promise.all(Array.from({ length: 40 }, () => as(randomKey(), 'flooder')));
    const throttled = flood.filter((r) => codeOf(r) === 'GW_ERR_AUTH_THROTTLED').length;
    assert.ok(throttled >= 25, `the flooding app is throttled (${throttled} of 40)`);
    assert.equal((await as(randomKey(), 'flooder')).status, 429);
    // Never used since the start, so not cached: before the fix it got 429 for the rest of the minute.
    const res = await as(good, 'codex');
    assert.equal(res.status, 200, res.text);
  });

  it('one wrong key retried by a tool throttles that key prefix, not the app', async () => {
    const wrong = randomKey();
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push(codeOf(await as(wrong, `tool-${i}`)));
    assert.equal(codes.at(-1), 'GW_ERR_AUTH_THROTTLED', codes.join());
    const good = (await gateway.store.clientKeys.create({ name: 'another', app: 'claude' })).key;
    assert.equal((await as(good, 'tool-11')).status, 200, 'another key from the same app works');
  });

  it('the global ceiling stops a flood that rotates apps and keys', async () => {
    const small = await startTestGateway(fake.url, { auth: { requireClientKey: true, failedPerMinute: 10, failedPerMinuteGlobal: 30 } });
    try {
      // Every request from its own app with its own key: no source bucket is ever spent.
      const codes = (await Promise.all(Array.from({ length: 60 }, (_, i) =>
        postJson(small.url, '/v1/chat/completions', chat, { 'x-aegis-key': randomKey(), 'x-aegis-app': `app-${i}` })))).map(codeOf);
      const invalid = codes.filter((c) => c === 'GW_ERR_AUTH_INVALID_KEY').length;
      // About the ceiling of 30 reach the store (a few more if it refilled meanwhile); the rest are throttled.
      assert.ok(invalid >= 30 && invalid < 60, `${invalid} reached the store`);
      assert.equal(codes.filter((c) => c === 'GW_ERR_AUTH_THROTTLED').length, 60 - invalid);
    } finally {
      await small.close();
    }
  });
});
