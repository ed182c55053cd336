// A flood of random client keys from one app spends that app's failed-authentication budget and is
// then refused with 429 without store lookups, while a good key keeps being served from its own budget.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson } from '../../helpers/http.js';

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomKey = () => `agk_${[...randomBytes(43)].map((b) => BASE62[b % 62]).join('')}`;

describe('bad-key flood', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gateway = await startTestGateway(fake.url, {
      auth: { requireClientKey: true, failedPerMinute: 20 },
      rateLimit: { requestsPerMinute: 1, burst: 30, concurrent: 100 },
    });
  });
  after(async () => {
    await gateway.close();
    await fake.close();
  });

  it('exhausts the failed-auth budget (429 GW_ERR_AUTH_THROTTLED) while a good key keeps getting 200 and keeps its rate budget', async () => {
    const good = (await gateway.store.clientKeys.create({ name: 'good', app: 'codex' })).key;
    const asGood = () => postJson(gateway.url, '/v1/chat/completions', chat, { 'x-aegis-key': good });
    assert.equal((await asGood()).status, 200);

    const codes = new Map<string, number>();
    let goodServed = 1;
    for (let wave = 0; wave < 10; wave++) {
      const bad = Array.from({ length: 50 }, () =>
        postJson(gateway.url, '/v1/chat/completions', chat, { 'x-aegis-key': randomKey(), 'x-aegis-app': 'flooder' }));
      const mine = asGood();
      for (const r of await Promise.all(bad)) {
        const code = String(r.headers['x-aegis-error']);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === 'GW_ERR_AUTH_THROTTLED') assert.ok(Number(r.headers['retry-after']) >= 1);
      }
      const res = await mine;
      assert.equal(res.status, 200, `the good key was refused in wave ${wave}: ${res.text}`);
      goodServed++;
    }
    const invalid = codes.get('GW_ERR_AUTH_INVALID_KEY') ?? 0;
    const throttled = codes.get('GW_ERR_AUTH_THROTTLED') ?? 0;
    assert.equal(invalid + throttled, 500, `only auth refusals: ${JSON.stringify([...codes])}`);
    assert.ok(invalid >= 20 && invalid <= 25, `about the budget of 20 reached the store, got ${invalid}`);
    assert.equal(fake.requests.length, goodServed, 'no bad key went upstream');

    // The flood took nothing from the good key's own bucket of 30: exactly 30 - 11 more fit.
    for (let i = goodServed; i < 30; i++) assert.equal((await asGood()).status, 200, `request ${i + 1} of the burst`);
    const spent = await asGood();
    assert.equal(spent.status, 429);
    assert.equal(spent.headers['x-aegis-error'], 'GW_ERR_RATE_LIMITED');
  });
});
