// Clients speaking one API to a provider of the other, end to end: the real Anthropic SDK against an
// OpenAI-compatible upstream and the real OpenAI SDK against an Anthropic upstream, through the real
// gateway on port 0 and the recording fake provider. Redaction runs on the client's request before
// translation; restoration runs on the client's shape after it, in text and in tool input.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson } from '../../helpers/http.js';

const EMAIL = 'ada.lovelace@example.org';
const TOOL = { name: 'lookup', description: 'Looks a thing up', input_schema: { type: 'object' as const, properties: { echo: { type: 'string' } } } };
const OPENAI_TOOL = { type: 'function' as const, function: { name: 'lookup', description: 'Looks a thing up', parameters: { type: 'object', properties: { echo: { type: 'string' } } } } };

describe('cross-provider translation through the gateway', () => {
  let fake: FakeProvider;
  let gw: TestGateway;

  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url, {
      providers: {
        compat: { kind: 'openai', baseUrl: `${fake.url}/compat` },
        claude: { kind: 'anthropic', baseUrl: `${fake.url}/claude` },
      },
      routing: { models: [{ match: 'claude-*', provider: 'compat', model: 'qwen2.5-coder' }, { match: 'sonnet-via-relay', provider: 'claude', model: 'claude-sonnet-4-5' }] },
      relay: { enabled: true },
    });
  });
  after(async () => {
    await gw.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const anthropic = (base: string, scenario?: string) =>
    new Anthropic({ baseURL: `${gw.url}${base}`, apiKey: 'sk-compat-own', maxRetries: 0, defaultHeaders: scenario ? { 'x-fake-scenario': scenario } : {} });
  const openai = (base: string, scenario?: string) =>
    new OpenAI({ baseURL: `${gw.url}${base}`, apiKey: 'sk-ant-own', maxRetries: 0, defaultHeaders: scenario ? { 'x-fake-scenario': scenario } : {} });
  const upstreamText = (i = 0) => fake.requests[i]!.body.toString('utf8');

  describe('Anthropic SDK → OpenAI-compatible provider', () => {
    it('JSON: the provider gets Chat Completions with the email redacted; the client gets a Message with it restored', async () => {
      const msg = await anthropic('/p/compat').messages.create({
        model: 'gpt-4o-mini', max_tokens: 64, system: 'Be brief.', messages: [{ role: 'user', content: `write to ${EMAIL}` }],
      });
      const seen = fake.requests[0]!;
      assert.equal(seen.path, '/compat/v1/chat/completions');
      assert.equal(seen.headers.authorization, 'Bearer sk-compat-own', 'the client key moves to the header the provider reads');
      assert.equal(seen.headers['x-api-key'], undefined);
      assert.equal(seen.headers['anthropic-version'], undefined);
      const body = seen.json as { model: string; messages: { role: string; content: unknown }[] };
      assert.equal(body.model, 'gpt-4o-mini');
      assert.equal(body.messages[0]!.role, 'system');
      assert.ok(!upstreamText().includes(EMAIL), 'the provider never sees the email');
      assert.equal(msg.type, 'message');
      assert.equal(msg.role, 'assistant');
      assert.deepEqual(msg.content, [{ type: 'text', text: `echo: write to ${EMAIL}` }]);
      assert.equal(msg.stop_reason, 'end_turn');
      assert.ok(msg.usage.input_tokens > 0);
    });

    it('streaming: Messages events in order with the email restored', async () => {
      const stream = anthropic('/p/compat').messages.stream({ model: 'm', max_tokens: 64, messages: [{ role: 'user', content: `mail ${EMAIL} now` }] });
      const types: string[] = [];
      stream.on('streamEvent', (e) => types.push(e.type));
      const final = await stream.finalMessage();
      assert.deepEqual(final.content, [{ type: 'text', text: `echo: mail ${EMAIL} now` }]);
      assert.equal(types[0], 'message_start');
      assert.equal(types.at(-1), 'message_stop');
      assert.ok(types.indexOf('content_block_start') < types.indexOf('content_block_delta'));
      assert.ok(!upstreamText().includes(EMAIL));
      assert.equal((fake.requests[0]!.json as { stream: boolean }).stream, true);
    });

    for (const stream of [false, true]) {
      it(`a tool-use round trip${stream ? ', streamed' : ''}: ids stay stable and the email comes back in the tool input`, async () => {
        const first = { model: 'm', max_tokens: 64, tools: [TOOL], messages: [{ role: 'user' as const, content: `find ${EMAIL}` }] };
        const msg = stream
          ? await anthropic('/p/compat', 'tool-call').messages.stream(first).finalMessage()
          : await anthropic('/p/compat', 'tool-call').messages.create(first);
        const use = msg.content.find((b) => b.type === 'tool_use');
        assert.ok(use && use.type === 'tool_use', JSON.stringify(msg.content));
        assert.equal(use.name, 'lookup');
        assert.deepEqual(use.input, { echo: `find ${EMAIL}`, path: '/tmp/x' });
        assert.equal(msg.stop_reason, 'tool_use');
        assert.ok(!upstreamText().includes(EMAIL));

        const second = await anthropic('/p/compat').messages.create({
          model: 'm', max_tokens: 64, tools: [TOOL],
          messages: [
            ...first.messages,
            { role: 'assistant', content: msg.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: `found ${EMAIL}` }] },
          ],
        });
        const sent = fake.requests[1]!.json as { messages: { role: string; tool_call_id?: string; tool_calls?: { id: string }[] }[] };
        const call = sent.messages.find((m) => m.role === 'assistant')!;
        const result = sent.messages.find((m) => m.role === 'tool')!;
        assert.equal(call.tool_calls![0]!.id, use.id, 'the tool call keeps its id upstream');
        assert.equal(result.tool_call_id, use.id);
        assert.ok(!fake.requests[1]!.body.toString().includes(EMAIL), 'the tool result is redacted too');
        assert.equal(second.content[0]!.type, 'text');
      });
    }

    it('an upstream error keeps its status and reaches the SDK as its own error class', async () => {
      await assert.rejects(anthropic('/p/compat', 'status:429').messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => {
        assert.ok(err instanceof Anthropic.RateLimitError, String(err));
        assert.equal(err.status, 429);
        return true;
      });
    });

    it('an error page that is not JSON (a proxy\'s HTML) still reaches the SDK as an Anthropic error with its status', async () => {
      await assert.rejects(anthropic('/p/compat', 'status:502,html-error').messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => {
        assert.ok(err instanceof Anthropic.InternalServerError, String(err));
        assert.equal(err.status, 502);
        assert.equal((err.error as { type?: string }).type, 'error');
        assert.equal(err.headers?.get('content-type'), 'application/json');
        return true;
      });
    });

    it('Claude Code\'s default route: the model map sends claude-* to the compatible provider, renamed', async () => {
      const msg = await anthropic('').messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] });
      assert.equal(fake.requests[0]!.path, '/compat/v1/chat/completions');
      assert.equal((fake.requests[0]!.json as { model: string }).model, 'qwen2.5-coder');
      assert.deepEqual(msg.content, [{ type: 'text', text: 'echo: hello' }]);
    });

    it('count_tokens has no counterpart on an OpenAI-compatible provider: a stable code, nothing sent', async () => {
      const res = await postJson(gw.url, '/p/compat/v1/messages/count_tokens', { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(res.status, 400);
      assert.deepEqual((res.json as { type: string; error: { code: string } }).error.code, 'GW_ERR_TRANSLATE_UNSUPPORTED');
      assert.equal((res.json as { type: string }).type, 'error');
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('OpenAI SDK → Anthropic provider', () => {
    it('JSON: the provider gets Messages with the email redacted; the client gets a chat.completion with it restored', async () => {
      const chat = await openai('/p/claude/v1').chat.completions.create({
        model: 'claude-haiku', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: `write to ${EMAIL}` }],
      });
      const seen = fake.requests[0]!;
      assert.equal(seen.path, '/claude/v1/messages');
      assert.equal(seen.headers['x-api-key'], 'sk-ant-own');
      assert.equal(seen.headers.authorization, undefined);
      assert.ok(seen.headers['anthropic-version'], 'the Messages API version header is added');
      const body = seen.json as { system: unknown; max_tokens: number; messages: unknown[] };
      assert.ok(body.system !== undefined && body.max_tokens > 0);
      assert.ok(!upstreamText().includes(EMAIL));
      assert.equal(chat.object, 'chat.completion');
      assert.equal(chat.choices[0]!.message.content, `echo: write to ${EMAIL}`);
      assert.equal(chat.choices[0]!.finish_reason, 'stop');
    });

    it('streaming: chat.completion.chunk deltas with the email restored', async () => {
      const stream = await openai('/p/claude/v1').chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: `mail ${EMAIL} now` }] });
      let text = '';
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      assert.equal(text, `echo: mail ${EMAIL} now`);
      assert.equal(finish, 'stop');
      assert.ok(!upstreamText().includes(EMAIL));
    });

    for (const stream of [false, true]) {
      it(`a tool-call round trip${stream ? ', streamed' : ''}: ids stay stable and the email comes back in the arguments`, async () => {
        const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: `find ${EMAIL}` }];
        let id: string;
        let args: string;
        let assistant: OpenAI.ChatCompletionMessageParam;
        if (stream) {
          const s = openai('/p/claude/v1', 'tool-call').chat.completions.stream({ model: 'm', tools: [OPENAI_TOOL], messages });
          const done = await s.finalChatCompletion();
          const call = done.choices[0]!.message.tool_calls![0]!;
          assert.equal(done.choices[0]!.finish_reason, 'tool_calls');
          assert.equal(call.type, 'function');
          id = call.id;
          args = call.type === 'function' ? call.function.arguments : '';
          assistant = { role: 'assistant', content: null, tool_calls: done.choices[0]!.message.tool_calls! };
        } else {
          const done = await openai('/p/claude/v1', 'tool-call').chat.completions.create({ model: 'm', tools: [OPENAI_TOOL], messages });
          const call = done.choices[0]!.message.tool_calls![0]!;
          assert.equal(done.choices[0]!.finish_reason, 'tool_calls');
          id = call.id;
          args = call.type === 'function' ? call.function.arguments : '';
          assistant = { role: 'assistant', content: null, tool_calls: done.choices[0]!.message.tool_calls! };
        }
        assert.deepEqual(JSON.parse(args), { echo: `find ${EMAIL}`, path: '/tmp/x' });
        assert.ok(!upstreamText().includes(EMAIL));

        const second = await openai('/p/claude/v1').chat.completions.create({
          model: 'm', tools: [OPENAI_TOOL],
          messages: [...messages, assistant, { role: 'tool', tool_call_id: id, content: `found ${EMAIL}` }],
        });
        const sent = fake.requests[1]!.json as { messages: { role: string; content: { type: string; id?: string; tool_use_id?: string }[] }[] };
        const blocks = sent.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
        assert.equal(blocks.find((b) => b.type === 'tool_use')!.id, id, 'the tool call keeps its id upstream');
        assert.equal(blocks.find((b) => b.type === 'tool_result')!.tool_use_id, id);
        assert.ok(!fake.requests[1]!.body.toString().includes(EMAIL));
        assert.equal(typeof second.choices[0]!.message.content, 'string');
      });
    }

    it('an upstream error keeps its status and reaches the SDK as its own error class', async () => {
      await assert.rejects(openai('/p/claude/v1', 'status:503').chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.InternalServerError, String(err));
        assert.equal(err.status, 503);
        return true;
      });
    });

    it('the relay endpoint follows the model map too: translated to an Anthropic provider, answered in Chat shape', async () => {
      const { key } = await gw.store.clientKeys.create({ name: 'relay user', app: 'legacy-relay' });
      const res = await postJson(gw.url, '/relay/generate', { model: 'sonnet-via-relay', prompt: `hello ${EMAIL}` }, { 'x-aegis-key': key });
      assert.equal(res.status, 200, res.text);
      assert.equal(fake.requests[0]!.path, '/claude/v1/messages');
      assert.equal((fake.requests[0]!.json as { model: string }).model, 'claude-sonnet-4-5');
      assert.ok(!upstreamText().includes(EMAIL));
      const chat = res.json as { object: string; choices: { message: { content: string } }[] };
      assert.equal(chat.object, 'chat.completion');
      assert.equal(chat.choices[0]!.message.content, `echo: hello ${EMAIL}`);
    });

    it('the Responses API has no counterpart on an Anthropic provider: a stable code, nothing sent', async () => {
      await assert.rejects(openai('/p/claude/v1').responses.create({ model: 'm', input: 'hi' }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.BadRequestError);
        assert.equal((err.error as { code?: string }).code, 'GW_ERR_TRANSLATE_UNSUPPORTED');
        return true;
      });
      assert.equal(fake.requests.length, 0);
    });
  });
});
