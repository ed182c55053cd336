// Passthrough mode with gateway client keys: the tool's own provider key goes upstream unchanged,
// `x-aegis-key` identifies the client (and is required with auth.requireClientKey), and never
// goes upstream itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson, send, type HttpResult } from '../../helpers/http.js';

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const codeOf = (r: HttpResult) => String(r.headers['x-aegis-error']);

describe('client keys in passthrough mode', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let key: { id: string; key: string };
  const post = (headers: Record<string, string>) =>
    postJson(gateway.url, '/v1/chat/completions', chat, { authorization: 'Bearer sk-own-provider-key', 'user-agent': 'my-tool/2.1', ...headers });

  before(async () => {
    fake = await startFakeProvider();
    gateway = await startTestGateway(fake.url, { auth: { requireClientKey: true } });
    key = await gateway.store.clientKeys.create({ name: 'ci runner', app: '' });
  });
  after(async () => {
    await gateway.close();
    await fake.close();
  });

  it('with requireClientKey: 401 without x-aegis-key, 401 with a wrong one, 200 with a good one', async () => {
    fake.reset();
    const missing = await post({});
    assert.equal(missing.status, 401);
    assert.equal(codeOf(missing), 'GW_ERR_AUTH_REQUIRED');
    const wrong = await post({ 'x-aegis-key': 'agk_nope' });
    assert.equal(wrong.status, 401);
    assert.equal(codeOf(wrong), 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(codeOf(await post({ 'x-aegis-key': `${key.key}x` })), 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(fake.requests.length, 0);

    const ok = await post({ 'x-aegis-key': key.key });
    assert.equal(ok.status, 200, ok.text);
    const upstream = fake.requests[0]!.headers;
    assert.equal(upstream.authorization, 'Bearer sk-own-provider-key', 'the tool\'s own key passes through unchanged');
    assert.equal(upstream['x-aegis-key'], undefined);
    assert.ok(!JSON.stringify(upstream).includes(key.key));
  });

  it('a Bearer agk_ key is not a client key in passthrough mode (it is the tool\'s provider key)', async () => {
    const r = await postJson(gateway.url, '/v1/chat/completions', chat, { authorization: `Bearer ${key.key}` });
    assert.equal(codeOf(r), 'GW_ERR_AUTH_REQUIRED');
  });

  it('records the key id, and the key name when it names no app, and touches the key', async () => {
    const before = Date.now();
    assert.equal((await post({ 'x-aegis-key': key.key })).status, 200);
    await gateway.store.audit.flush();
    const { events } = await gateway.store.audit.list({ client: key.id, limit: 1 });
    assert.deepEqual(events[0]!.client, { keyId: key.id, app: 'ci runner' });
    const record = (await gateway.store.clientKeys.list()).find((r) => r.id === key.id)!;
    assert.ok((record.lastUsedAt ?? 0) >= before, 'last use recorded');
  });

  it('applies requireClientKey changes at runtime; an offered key is still checked', async () => {
    await gateway.runtime.update({ auth: { requireClientKey: false } });
    const anonymous = await post({});
    assert.equal(anonymous.status, 200);
    await gateway.store.audit.flush();
    const { events } = await gateway.store.audit.list({ client: 'my-tool', limit: 1 });
    assert.deepEqual(events[0]!.client, { app: 'my-tool' }, 'without a key the User-Agent product names the client');
    assert.equal(codeOf(await post({ 'x-aegis-key': 'agk_wrong' })), 'GW_ERR_AUTH_INVALID_KEY');
    await gateway.runtime.update({ auth: { requireClientKey: true } });
    assert.equal(codeOf(await post({})), 'GW_ERR_AUTH_REQUIRED');
  });

  it('leaves non-proxy routes alone', async () => {
    assert.equal((await send(gateway.url, '/healthz')).status, 200);
  });
});
