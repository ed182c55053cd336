// JSON response and error translation, golden: bodies after the providers' documented examples and
// every body the fake provider answers with (text, tool call, each error status), both directions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGatewayError } from '../../../gateway/errors.js';
import { translateError, translateResponse } from '../../../gateway/translate/index.js';
import { FINISH_REASON, STOP_REASON } from '../../../gateway/translate/tables.js';
import { anthropicJson } from '../../fake-provider/shapes/anthropic.js';
import { chatJson } from '../../fake-provider/shapes/chat.js';
import { errorBody } from '../../fake-provider/shapes/errors.js';

const openaiUsage = { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };

describe('OpenAI chat.completion → Anthropic message', () => {
  it('a text answer', () => {
    const out = translateResponse('anthropic-messages', 'openai', 200, {
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      object: 'chat.completion',
      created: 1741569952,
      model: 'gpt-4.1-2025-04-14',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I assist you today?', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      usage: openaiUsage,
      service_tier: 'default',
    });
    assert.deepEqual(out, {
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4.1-2025-04-14',
      content: [{ type: 'text', text: 'Hello! How can I assist you today?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 19, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10 },
    });
  });

  it('text and tool calls, ids kept, arguments parsed, cached prompt tokens apart from input', () => {
    const out = translateResponse('anthropic-messages', 'openai', 200, {
      id: 'chatcmpl-abc123',
      object: 'chat.completion',
      created: 1699896916,
      model: 'gpt-4o-mini',
      choices: [{
        index: 0,
        message: {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'call_abc123', type: 'function', function: { name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' } },
            { id: 'call_bad', type: 'function', function: { name: 'f', arguments: 'not json' } },
            { id: 'call_empty', type: 'function', function: { name: 'g', arguments: '' } },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      }],
      usage: { prompt_tokens: 82, completion_tokens: 17, total_tokens: 99, prompt_tokens_details: { cached_tokens: 64 } },
    });
    assert.deepEqual(out.content, [
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_abc123', name: 'get_current_weather', input: { location: 'Boston, MA' } },
      { type: 'tool_use', id: 'call_bad', name: 'f', input: { _raw: 'not json' } },
      { type: 'tool_use', id: 'call_empty', name: 'g', input: {} },
    ]);
    assert.equal(out.stop_reason, 'tool_use');
    assert.deepEqual(out.usage, { input_tokens: 18, cache_creation_input_tokens: 0, cache_read_input_tokens: 64, output_tokens: 17 });
  });

  it('maps every finish_reason, and a refusal becomes text', () => {
    for (const [finish, stop] of Object.entries({ stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', function_call: 'tool_use', content_filter: 'refusal' })) {
      const out = translateResponse('anthropic-messages', 'openai', 200, { id: 'c', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'No.' }, finish_reason: finish }] });
      assert.equal(out.stop_reason, stop);
      assert.equal(STOP_REASON[finish], stop);
      assert.deepEqual(out.content, [{ type: 'text', text: 'No.' }]);
    }
  });

  it('tool calls finished with "stop" (Ollama does) still stop for tool_use', () => {
    const out = translateResponse('anthropic-messages', 'openai', 200, { id: 'c', model: 'llama3', choices: [{ index: 0, message: { role: 'assistant', content: '', tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'stop' }] });
    assert.equal(out.stop_reason, 'tool_use');
  });

  it('the fake provider’s text and tool-call answers', () => {
    const r = { model: 'gpt-fake', inputTokens: 12, includeUsage: false };
    const text = chatJson(r, 'echo: hi') as { id: string };
    assert.deepEqual(translateResponse('anthropic-messages', 'openai', 200, text), {
      id: text.id, type: 'message', role: 'assistant', model: 'gpt-fake', content: [{ type: 'text', text: 'echo: hi' }], stop_reason: 'end_turn', stop_sequence: null,
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 },
    });
    const tool = chatJson({ ...r, toolName: 'echo_tool' }, '{"echo":"hi","path":"/tmp/x"}') as { choices: { message: { tool_calls: { id: string }[] } }[] };
    const out = translateResponse('anthropic-messages', 'openai', 200, tool);
    assert.deepEqual(out.content, [{ type: 'tool_use', id: tool.choices[0]!.message.tool_calls[0]!.id, name: 'echo_tool', input: { echo: 'hi', path: '/tmp/x' } }]);
    assert.equal(out.stop_reason, 'tool_use');
  });
});

describe('Anthropic message → OpenAI chat.completion', () => {
  it('a text answer', () => {
    const out = translateResponse('openai-chat', 'anthropic', 200, {
      content: [{ text: 'Hi! My name is Claude.', type: 'text' }],
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      model: 'claude-sonnet-4-5',
      role: 'assistant',
      stop_reason: 'end_turn',
      stop_sequence: null,
      type: 'message',
      usage: { input_tokens: 2095, output_tokens: 503 },
    }, { created: 1700000000 });
    assert.deepEqual(out, {
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-4-5',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi! My name is Claude.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2095, completion_tokens: 503, total_tokens: 2598, prompt_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('text, thinking and tool_use blocks: thinking left out, ids kept, input serialized, cache tokens counted in', () => {
    const out = translateResponse('openai-chat', 'anthropic', 200, {
      id: 'msg_01Aq9w938a90dw8q',
      model: 'claude-sonnet-4-5',
      stop_reason: 'tool_use',
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Weather tool.', signature: 'EqQB' },
        { type: 'text', text: "I'll check the current weather in San Francisco for you." },
        { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } },
      ],
      usage: { input_tokens: 10, cache_creation_input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 5 },
    }, { created: 1 });
    assert.deepEqual(out.choices, [{
      index: 0,
      message: {
        role: 'assistant',
        content: "I'll check the current weather in San Francisco for you.",
        refusal: null,
        tool_calls: [{ id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' } }],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    }]);
    assert.deepEqual(out.usage, { prompt_tokens: 60, completion_tokens: 5, total_tokens: 65, prompt_tokens_details: { cached_tokens: 30 } });
  });

  it('maps every stop_reason', () => {
    for (const [stop, finish] of Object.entries({ end_turn: 'stop', stop_sequence: 'stop', pause_turn: 'stop', max_tokens: 'length', model_context_window_exceeded: 'length', tool_use: 'tool_calls', refusal: 'content_filter' })) {
      const out = translateResponse('openai-chat', 'anthropic', 200, { id: 'm', model: 'c', content: [], stop_reason: stop }) as { choices: { finish_reason: string; message: { content: unknown } }[] };
      assert.equal(out.choices[0]!.finish_reason, finish);
      assert.equal(FINISH_REASON[stop], finish);
      assert.equal(out.choices[0]!.message.content, null);
    }
  });

  it('the fake provider’s text and tool-use answers', () => {
    const r = { model: 'claude-fake', inputTokens: 12, includeUsage: false };
    const text = anthropicJson(r, 'echo: hi') as { id: string };
    assert.deepEqual(translateResponse('openai-chat', 'anthropic', 200, text, { created: 5 }), {
      id: text.id, object: 'chat.completion', created: 5, model: 'claude-fake',
      choices: [{ index: 0, message: { role: 'assistant', content: 'echo: hi', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 } },
    });
    const tool = anthropicJson({ ...r, toolName: 'echo_tool' }, '{"echo":"hi"}') as { content: { id: string }[] };
    const out = translateResponse('openai-chat', 'anthropic', 200, tool) as { choices: { message: { tool_calls: unknown } }[] };
    assert.deepEqual(out.choices[0]!.message.tool_calls, [{ id: tool.content[0]!.id, type: 'function', function: { name: 'echo_tool', arguments: '{"echo":"hi"}' } }]);
  });

  it('a success body that is not a JSON object is a bad upstream response', () => {
    assert.throws(() => translateResponse('openai-chat', 'anthropic', 200, 'oops'), (err: unknown) => isGatewayError(err) && err.code === 'GW_ERR_UPSTREAM_BAD_RESPONSE');
    assert.throws(() => translateResponse('anthropic-messages', 'openai', 200, Buffer.from('[]')), (err: unknown) => isGatewayError(err) && err.code === 'GW_ERR_UPSTREAM_BAD_RESPONSE');
  });
});

describe('errors in the client’s shape, status kept by the caller', () => {
  it('the documented examples', () => {
    const openai = { error: { message: 'Incorrect API key provided: sk-abc.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
    assert.deepEqual(translateResponse('anthropic-messages', 'openai', 401, openai), {
      type: 'error', error: { type: 'authentication_error', message: 'Incorrect API key provided: sk-abc.', code: 'invalid_api_key' },
    });
    const anthropic = { type: 'error', error: { type: 'not_found_error', message: 'The requested resource could not be found.' }, request_id: 'req_011' };
    assert.deepEqual(translateResponse('openai-chat', 'anthropic', 404, anthropic), {
      error: { message: 'The requested resource could not be found.', type: 'invalid_request_error', param: null, code: 'not_found' },
    });
  });

  // Every status the fake provider's `status:<code>` scenario answers with.
  const statuses: [number, string, string, string | null][] = [
    [400, 'invalid_request_error', 'invalid_request_error', null],
    [401, 'authentication_error', 'invalid_request_error', 'invalid_api_key'],
    [403, 'permission_error', 'invalid_request_error', 'permission_denied'],
    [404, 'not_found_error', 'invalid_request_error', 'not_found'],
    [413, 'request_too_large', 'invalid_request_error', 'request_too_large'],
    [429, 'rate_limit_error', 'requests', 'rate_limit_exceeded'],
    [500, 'api_error', 'server_error', null],
    [503, 'overloaded_error', 'server_error', null],
    [529, 'overloaded_error', 'server_error', 'overloaded'],
    [418, 'invalid_request_error', 'invalid_request_error', null],
    [502, 'api_error', 'server_error', null],
  ];
  for (const [status, anthropicType, openaiType, openaiCode] of statuses) {
    it(`status ${status}: OpenAI → ${anthropicType}, Anthropic → ${openaiType}`, () => {
      const fromOpenai = errorBody(false, status) as { error: { message: string; code: string | null } };
      const a = translateResponse('anthropic-messages', 'openai', status, fromOpenai) as { type: string; error: { type: string; message: string; code?: string } };
      assert.equal(a.type, 'error');
      assert.equal(a.error.type, anthropicType);
      assert.equal(a.error.message, fromOpenai.error.message);
      assert.equal(a.error.code, fromOpenai.error.code ?? undefined);

      const fromAnthropic = errorBody(true, status) as { error: { type: string; message: string } };
      const o = translateResponse('openai-chat', 'anthropic', status, fromAnthropic) as { error: { type: string; message: string; code: string | null; param: null } };
      assert.equal(o.error.message, fromAnthropic.error.message);
      assert.equal(o.error.param, null);
      // The Anthropic type the fake sent decides; 503 is api_error there, hence no code.
      const expected = status === 503 ? ['server_error', null] : [openaiType, openaiCode];
      assert.deepEqual([o.error.type, o.error.code], expected);
    });
  }

  it('keeps a gateway code, and gives a message for a body with none', () => {
    const gw = { type: 'error', error: { type: 'rate_limit_error', message: 'Request rate limit reached for this client', code: 'GW_ERR_RATE_LIMITED' } };
    assert.equal((translateError('openai-chat', 429, gw) as { error: { code: string } }).error.code, 'GW_ERR_RATE_LIMITED');
    assert.deepEqual(translateError('anthropic-messages', 502, '<html>Bad gateway</html>'), { type: 'error', error: { type: 'api_error', message: '<html>Bad gateway</html>' } });
    assert.deepEqual(translateError('openai-chat', 500, {}), { error: { message: 'Upstream answered with status 500', type: 'server_error', param: null, code: null } });
  });

  it('an error body with a 200 status is still an error', () => {
    const out = translateResponse('anthropic-messages', 'openai', 200, { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } });
    assert.equal(out.type, 'error');
  });
});
