// POST /relay/generate through the real gateway and the fake provider: both input forms (prompt,
// messages), JSON and SSE, a redacted email restored, a hold, the client-key requirement, and the
// 404 while it is off.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { send } from '../../helpers/http.js';
import { nextEvent } from '../confirm-e2e/events.js';
import { pemKey } from '../confirm-e2e/values.js';

const EMAIL = 'bob.relay@example.com';
const PLACEHOLDER = /\[\[EMAIL_[0-9A-Z]{8}\]\]/;
const errorOf = (json: unknown) => (json as { error: { code: string; message: string; type: string } }).error;

/** The text of an OpenAI Chat SSE stream, and whether it ended with [DONE]. */
function chatStreamText(sse: string): { text: string; done: boolean; objects: string[] } {
  let text = '';
  let done = false;
  const objects: string[] = [];
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice(6);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data) as { object: string; choices: { delta?: { content?: string } }[] };
    objects.push(chunk.object);
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  return { text, done, objects };
}

describe('relay endpoint', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  let key: string;
  let keyId: string;
  const audits: AuditEvent[] = [];
  const relay = (body: object, headers: Record<string, string> = { 'x-aegis-key': key }) =>
    send(gw.url, '/relay/generate', { method: 'POST', body, headers });

  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url, { relay: { enabled: true } });
    ({ key, id: keyId } = await gw.store.clientKeys.create({ name: 'old python client', app: 'legacy-relay' }));
    gw.app.bus.on('audit', (e) => audits.push(e));
  });
  after(async () => {
    await gw.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('prompt form, JSON: the provider gets a Chat request with a placeholder, the client a chat.completion with the email back', async () => {
    const res = await relay({ model: 'gpt-4.1-mini', prompt: `write to ${EMAIL}`, session_id: 'sess-1', request_id: 'req-1' });
    assert.equal(res.status, 200, res.text);
    const reply = res.json as { object: string; model: string; choices: { message: { role: string; content: string } }[] };
    assert.equal(reply.object, 'chat.completion');
    assert.equal(reply.choices[0]!.message.role, 'assistant');
    assert.equal(reply.choices[0]!.message.content, `echo: write to ${EMAIL}`);
    assert.equal(res.headers['x-aegis-redactions'], '1');

    const upstream = fake.requests.at(-1)!;
    assert.equal(upstream.path, '/v1/chat/completions');
    const body = upstream.json as { model: string; messages: { role: string; content: string }[] };
    assert.equal(body.model, 'gpt-4.1-mini');
    assert.equal(body.messages.length, 1);
    assert.match(body.messages[0]!.content, PLACEHOLDER);
    assert.ok(!upstream.body.toString().includes(EMAIL));
    assert.ok(!upstream.body.toString().includes('sess-1') && !upstream.body.toString().includes('req-1'), 'the ids are not forwarded');
    assert.equal(upstream.headers['x-aegis-key'], undefined);

    const audit = await nextAudit();
    assert.equal(audit.route, '/relay/generate');
    assert.equal(audit.client.keyId, keyId);
    assert.deepEqual(audit.findings, { pii: 1 });
  });

  it('messages form, SSE: Chat chunks with the email restored across the stream, ending in [DONE]', async () => {
    const res = await relay({
      model: 'gpt-4.1-mini',
      stream: true,
      messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: `cc ${EMAIL} please` }],
    });
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['content-type']), /^text\/event-stream/);
    const { text, done, objects } = chatStreamText(res.text);
    assert.equal(text, `echo: cc ${EMAIL} please`);
    assert.ok(done);
    assert.ok(objects.length > 1 && objects.every((o) => o === 'chat.completion.chunk'));
    const body = fake.requests.at(-1)!.json as { stream: boolean; messages: { content: string }[] };
    assert.equal(body.stream, true);
    assert.equal(body.messages.length, 2);
    assert.match(body.messages[1]!.content, PLACEHOLDER);
    assert.ok(!fake.requests.at(-1)!.body.toString().includes(EMAIL));
  });

  it('messages win over a prompt sent alongside them, as in the Python gateway; the prompt goes nowhere', async () => {
    const res = await relay({ model: 'm', prompt: 'ignored prompt', messages: [{ role: 'user', content: 'from messages' }] });
    assert.equal((res.json as { choices: { message: { content: string } }[] }).choices[0]!.message.content, 'echo: from messages');
    assert.ok(!fake.requests.at(-1)!.body.toString().includes('ignored prompt'));
  });

  it('prompt form, SSE and messages form, JSON answer the same text', async () => {
    const streamed = chatStreamText((await relay({ model: 'm', prompt: `hi ${EMAIL}`, stream: true })).text).text;
    const whole = (await relay({ model: 'm', messages: [{ role: 'user', content: `hi ${EMAIL}` }] })).json as { choices: { message: { content: string } }[] };
    assert.equal(streamed, `echo: hi ${EMAIL}`);
    assert.equal(whole.choices[0]!.message.content, streamed);
  });

  it('holds what the policy asks about, like Chat (a private key, balanced preset), and a denial answers in Chat shape', async () => {
    const pem = pemKey(1);
    const held = nextEvent(gw.app.bus, 'pending.added');
    const answer = relay({ model: 'm', prompt: `sign with ${pem}` });
    const { pending } = await held;
    assert.equal(pending.route, '/relay/generate');
    assert.equal(fake.requests.length, 0);
    await gw.app.confirmations.decide(pending.id, 'deny', { by: 'test' });
    const res = await answer;
    assert.equal(res.status, 400);
    assert.equal(errorOf(res.json).code, 'GW_ERR_CONFIRM_DENIED');
    assert.equal(fake.requests.length, 0);
  });

  it('needs a gateway client key: none is 401 GW_ERR_AUTH_REQUIRED, a wrong one GW_ERR_AUTH_INVALID_KEY', async () => {
    const none = await relay({ model: 'm', prompt: 'hi' }, { authorization: 'Bearer sk-own-provider-key' });
    assert.equal(none.status, 401);
    assert.equal(errorOf(none.json).code, 'GW_ERR_AUTH_REQUIRED');
    const wrong = await relay({ model: 'm', prompt: 'hi' }, { 'x-aegis-key': `agk_${'0'.repeat(43)}` });
    assert.equal(wrong.status, 401);
    assert.equal(errorOf(wrong.json).code, 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(fake.requests.length, 0);
  });

  it('refuses a body it cannot map, naming the field: 400 GW_ERR_RELAY_INVALID in OpenAI shape', async () => {
    const cases: [object, RegExp][] = [
      [{ model: 'm' }, /'prompt'/],
      [{ model: 'm', policy: 'permissive', prompt: 'a' }, /'policy'/],
      [{ prompt: 'a' }, /'model'/],
      [{ model: 'm', prompt: 'a', tools: [] }, /'tools'/],
      [{ model: 'm', prompt: 'a', session_id: 'has space' }, /'session_id'/],
      [{ model: 'm', messages: [] }, /'messages'/],
    ];
    for (const [body, field] of cases) {
      const res = await relay(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = errorOf(res.json);
      assert.equal(error.code, 'GW_ERR_RELAY_INVALID');
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, field);
    }
    assert.equal(fake.requests.length, 0);
  });

  it('answers 404 GW_ERR_RELAY_DISABLED once relay.enabled is off, key or not, and works again when it is on', async () => {
    await gw.runtime.update({ relay: { enabled: false } });
    try {
      for (const headers of [{ 'x-aegis-key': key }, {}] as Record<string, string>[]) {
        const res = await relay({ model: 'm', prompt: 'hi' }, headers);
        assert.equal(res.status, 404);
        assert.equal(errorOf(res.json).code, 'GW_ERR_RELAY_DISABLED');
      }
      assert.equal(fake.requests.length, 0);
    } finally {
      await gw.runtime.update({ relay: { enabled: true } });
    }
    assert.equal((await relay({ model: 'm', prompt: 'hi' })).status, 200);
  });

  async function nextAudit(): Promise<AuditEvent> {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const last = audits.at(-1);
      if (last?.route === '/relay/generate') return last;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no audit event for the relay request');
  }
});

describe('relay endpoint, default config', () => {
  it('is off: 404 GW_ERR_RELAY_DISABLED without reading further', async () => {
    const fake = await startFakeProvider();
    const gw = await startTestGateway(fake.url);
    try {
      const res = await send(gw.url, '/relay/generate', { method: 'POST', body: { model: 'm', prompt: 'hi' } });
      assert.equal(res.status, 404);
      assert.equal(errorOf(res.json).code, 'GW_ERR_RELAY_DISABLED');
      assert.equal(fake.requests.length, 0);
    } finally {
      await gw.close();
      await fake.close();
    }
  });
});
