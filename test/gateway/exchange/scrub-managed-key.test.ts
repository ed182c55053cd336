// A managed provider key never reaches the tool, even when the upstream echoes request headers back
// (the fake provider's catch-all route does, as a debugging proxy might).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { send } from '../../helpers/http.js';

const REAL = `sk-proj-CANARY${randomBytes(24).toString('hex')}`;
let fake: FakeProvider;
let gateway: TestGateway;
let clientKey: string;

before(async () => {
  fake = await startFakeProvider();
  gateway = await startTestGateway(fake.url);
  await gateway.store.providerKeys.setProviderKey('openai', REAL);
  gateway.app.bus.emit('providerKey.changed', { provider: 'openai', managedKey: true });
  clientKey = (await gateway.store.clientKeys.create({ name: 'laptop', app: 'curl' })).key;
});
after(async () => {
  await gateway.close();
  await fake.close();
});

it('an upstream that echoes the request headers does not hand the real key to the tool', async () => {
  const r = await send(gateway.url, '/v1/echo/this?x=1', { headers: { authorization: `Bearer ${clientKey}` } });
  assert.equal(r.status, 200);
  // The upstream really got (and echoed) the real key; the tool sees it masked.
  assert.ok(fake.requests.at(-1)!.headers.authorization === `Bearer ${REAL}`);
  assert.ok(!r.text.includes(REAL), 'the real key reached the tool');
  assert.match(r.text, /redacted by AegisGate/);
});
