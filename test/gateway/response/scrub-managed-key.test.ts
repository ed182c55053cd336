// A managed provider key never reaches the tool, even when the upstream echoes request headers back
// (the fake provider's catch-all route does, as a debugging proxy might). Response headers are
// scrubbed like bodies: of the managed key and of every value the exchange redacted, JSON and SSE.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson, send } from '../../helpers/http.js';
import { V } from '../redaction/plants.js';

const REAL = `sk-proj-CANARY${randomBytes(24).toString('hex')}`;
const EMAIL = V.email.value;
const MASK = '[redacted by AegisGate]';
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

beforeEach(() => {
  fake.reset();
  fake.tamper({ echoHeaders: ['authorization'], headers: { 'x-debug-user': `user=${EMAIL}; plan=pro`, 'x-debug-other': 'nothing to see' } });
});

const chat = (stream: boolean, auth: string, anthropic = false) =>
  anthropic
    ? postJson(gateway.url, '/v1/messages', { model: 'claude-test', max_tokens: 64, stream, messages: [{ role: 'user', content: `mail ${EMAIL}` }] }, { 'x-api-key': auth, 'anthropic-version': '2023-06-01' })
    : postJson(gateway.url, '/v1/chat/completions', { model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: `mail ${EMAIL}` }] }, { authorization: `Bearer ${auth}` });

for (const stream of [false, true]) {
  it(`${stream ? 'SSE' : 'JSON'}: the managed key and the redacted email are masked in response headers`, async () => {
    const r = await chat(stream, clientKey);
    assert.equal(r.status, 200, r.text);
    // The upstream really got the real key and echoed it; the tool sees it masked.
    assert.equal(fake.requests.at(-1)!.headers.authorization, `Bearer ${REAL}`);
    assert.equal(r.headers['x-echo-authorization'], `Bearer ${MASK}`);
    assert.equal(r.headers['x-debug-user'], `user=${MASK}; plan=pro`);
    assert.equal(r.headers['x-debug-other'], 'nothing to see');
    const all = JSON.stringify(r.headers);
    assert.ok(!all.includes(REAL) && !all.includes(EMAIL), all);
    // The body still restores the email: scrubbing headers takes nothing from it.
    assert.ok(r.text.includes(EMAIL));
  });
}

it('without a managed key: a redacted value is still masked in headers; the client\'s own key is its own', async () => {
  const own = 'sk-ant-own-key-of-the-client';
  const r = await chat(true, own, true);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers['x-debug-user'], `user=${MASK}; plan=pro`);
  assert.ok(r.text.includes(EMAIL));
});

it('a large JSON answer, restored and written in pieces, loses the managed key and gets the email back', async () => {
  // Past LARGE_BODY (256 KiB): decoded, restored, scrubbed and written piece by piece.
  fake.tamper({ appendText: ` and the key is ${REAL} again ${REAL}` });
  const filler = 'a log line with nothing secret in it, é and 日志 too\n'.repeat(8_000);
  const r = await postJson(gateway.url, '/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `mail ${EMAIL}\n${filler}` }] }, { authorization: `Bearer ${clientKey}` });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.ok(r.text.length > 256 * 1024, `${r.text.length} characters`);
  assert.ok(!JSON.stringify(fake.requests.at(-1)!.body).includes(EMAIL), 'the email went upstream');
  assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.text));
  const content = (JSON.parse(r.text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
  assert.ok(!content.includes(REAL), 'the real key reached the tool');
  assert.equal(content.split(MASK).length, 3, 'both copies masked');
  assert.ok(content.includes(`mail ${EMAIL}\n${filler}`), 'the echoed text came back restored, byte for byte');
});
