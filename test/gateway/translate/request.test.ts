// Request translation, golden: requests shaped after the providers' documented examples (Anthropic's
// tool-use, vision and streaming pages; OpenAI's chat, vision and function-calling guides) and the
// exact body the other provider gets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGatewayError } from '../../../gateway/errors.js';
import { apiOf, DEFAULT_MAX_TOKENS, needsTranslation, translateRequest } from '../../../gateway/translate/index.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ANT_URL = 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg';
const weatherSchema = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
  },
  required: ['location'],
};

const refused = (run: () => unknown, detail: RegExp) =>
  assert.throws(run, (err: unknown) => isGatewayError(err) && err.code === 'GW_ERR_TRANSLATE_UNSUPPORTED' && err.status === 400 && detail.test(err.message));

describe('Anthropic Messages client → OpenAI Chat upstream', () => {
  it('translates system, text, images, tools, tool calls and results, sampling and streaming fields', () => {
    const t = translateRequest('anthropic-messages', 'openai', {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: [{ type: 'text', text: 'You are a weather bot.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be brief.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'image', source: { type: 'url', url: ANT_URL } },
            { type: 'text', text: 'What is the weather like in San Francisco?' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'The user wants weather.', signature: 'sig' },
            { type: 'text', text: "I'll check the current weather in San Francisco for you." },
            { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01A09q90qw90lq917835lq9', content: [{ type: 'text', text: '15 degrees' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
        { role: 'assistant', content: 'Tomorrow looks sunny.' },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_02', content: 'ok', is_error: true }] },
      ],
      tools: [{ name: 'get_weather', description: 'Get the current weather in a given location', input_schema: weatherSchema }],
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['\n\nHuman:'],
      stream: true,
      metadata: { user_id: 'user-123' },
    }, { model: 'gpt-4.1' });

    assert.equal(t.path, '/v1/chat/completions');
    assert.equal(t.headers, undefined);
    assert.deepEqual(t.body, {
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'You are a weather bot.\n\nBe brief.' },
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'image_url', image_url: { url: ANT_URL } },
            { type: 'text', text: 'What is the weather like in San Francisco?' },
          ],
        },
        {
          role: 'assistant',
          content: "I'll check the current weather in San Francisco for you.",
          tool_calls: [{ id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' } }],
        },
        { role: 'tool', tool_call_id: 'toolu_01A09q90qw90lq917835lq9', content: '15 degrees' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }, { type: 'text', text: 'And tomorrow?' }] },
        { role: 'assistant', content: 'Tomorrow looks sunny.' },
        { role: 'tool', tool_call_id: 'toolu_02', content: 'ok' },
      ],
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 1024,
      stream: true,
      stop: ['\n\nHuman:'],
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Get the current weather in a given location', parameters: weatherSchema } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      user: 'user-123',
    });
  });

  it('keeps a string system prompt and a string user turn as strings, and the client model without a rename', () => {
    const t = translateRequest('anthropic-messages', 'openai', Buffer.from(JSON.stringify({
      model: 'claude-haiku-4-5', max_tokens: 10, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello, Claude' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'noop', input: {} }] }],
    })));
    assert.deepEqual(t.body, {
      model: 'claude-haiku-4-5',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello, Claude' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'noop', arguments: '{}' } }] },
      ],
      max_tokens: 10,
    });
  });

  it('puts the output limit in the field the provider reads, and can leave out the usage request', () => {
    const body = { model: 'm', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] };
    const out = translateRequest('anthropic-messages', 'openai', body, { maxTokensField: 'max_completion_tokens', streamUsage: false }).body;
    assert.equal(out.max_completion_tokens, 64);
    assert.equal('max_tokens' in out, false);
    assert.equal('stream_options' in out, false);
    assert.equal(out.stream, true);
  });

  it('an empty system prompt is left out, and an assistant turn of thinking alone becomes empty text', () => {
    const t = translateRequest('anthropic-messages', 'openai', { model: 'm', max_tokens: 1, system: [], messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'x' }] }] });
    assert.deepEqual(t.body.messages, [{ role: 'user', content: 'a' }, { role: 'assistant', content: '' }]);
  });

  it('maps every tool_choice', () => {
    const choice = (tool_choice: object) => translateRequest('anthropic-messages', 'openai', { model: 'm', max_tokens: 1, messages: [], tool_choice }).body.tool_choice;
    assert.equal(choice({ type: 'auto' }), 'auto');
    assert.equal(choice({ type: 'any' }), 'required');
    assert.equal(choice({ type: 'none' }), 'none');
    assert.deepEqual(choice({ type: 'tool', name: 'f' }), { type: 'function', function: { name: 'f' } });
  });

  it('refuses what Chat Completions cannot express, naming it', () => {
    const send = (body: object) => () => translateRequest('anthropic-messages', 'openai', { model: 'm', max_tokens: 1, ...body });
    refused(send({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' } }] }] }), /content block "document"/);
    refused(send({ messages: [], tools: [{ type: 'web_search_20250305', name: 'web_search' }] }), /server tool "web_search_20250305"/);
    refused(send({ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] }), /image source "file"/);
    refused(() => translateRequest('anthropic-messages', 'openai', '[1,2]'), /not a JSON object/);
  });
});

describe('OpenAI Chat client → Anthropic Messages upstream', () => {
  it('translates system/developer messages, text, images, tools, tool calls and results, sampling and streaming fields', () => {
    const t = translateRequest('openai-chat', 'anthropic', {
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'You are a helpful assistant.' },
        { role: 'system', content: [{ type: 'text', text: 'Answer in English.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: "What's in this image, and what is the weather in Boston?" },
            { type: 'image_url', image_url: { url: ANT_URL, detail: 'high' } },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_abc123', type: 'function', function: { name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' } },
            { id: 'call_def456', type: 'function', function: { name: 'get_current_weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc123', content: '{"temperature": 22}' },
        { role: 'tool', tool_call_id: 'call_def456', content: [{ type: 'text', text: 'unknown' }] },
        { role: 'user', content: 'Thanks!' },
        { role: 'assistant', content: [{ type: 'text', text: 'You are welcome.' }, { type: 'refusal', refusal: '' }] },
        { role: 'user', content: 'Bye' },
      ],
      tools: [{ type: 'function', function: { name: 'get_current_weather', description: 'Get the current weather in a given location', parameters: weatherSchema, strict: false } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      temperature: 1.5,
      top_p: 0.8,
      stop: 'END',
      stream: true,
      stream_options: { include_usage: true },
      user: 'user-123',
      presence_penalty: 0.5,
      seed: 7,
    }, { model: 'claude-sonnet-4-5' });

    assert.equal(t.path, '/v1/messages');
    assert.deepEqual(t.headers, { 'anthropic-version': '2023-06-01' });
    assert.deepEqual(t.response, { includeUsage: true });
    assert.deepEqual(t.body, {
      model: 'claude-sonnet-4-5',
      max_tokens: DEFAULT_MAX_TOKENS,
      system: [{ type: 'text', text: 'You are a helpful assistant.' }, { type: 'text', text: 'Answer in English.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: "What's in this image, and what is the weather in Boston?" },
            { type: 'image', source: { type: 'url', url: ANT_URL } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_abc123', name: 'get_current_weather', input: { location: 'Boston, MA' } },
            { type: 'tool_use', id: 'call_def456', name: 'get_current_weather', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_abc123', content: '{"temperature": 22}' },
            { type: 'tool_result', tool_use_id: 'call_def456', content: 'unknown' },
            { type: 'text', text: 'Thanks!' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'You are welcome.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
      ],
      temperature: 1,
      top_p: 0.8,
      stop_sequences: ['END'],
      stream: true,
      tools: [{ name: 'get_current_weather', description: 'Get the current weather in a given location', input_schema: weatherSchema }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      metadata: { user_id: 'user-123' },
    });
  });

  it('takes max_completion_tokens over max_tokens over the documented default, and a configured default', () => {
    const max = (body: object, defaultMaxTokens?: number) => translateRequest('openai-chat', 'anthropic', { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...body }, { defaultMaxTokens }).body.max_tokens;
    assert.equal(max({}), 4096);
    assert.equal(max({}, 512), 512);
    assert.equal(max({ max_tokens: 100 }), 100);
    assert.equal(max({ max_tokens: 100, max_completion_tokens: 200 }), 200);
  });

  it('maps every tool_choice, and parallel_tool_calls: false alone', () => {
    const body = (extra: object) => translateRequest('openai-chat', 'anthropic', { model: 'm', messages: [], tools: [], ...extra }).body.tool_choice;
    assert.deepEqual(body({ tool_choice: 'auto' }), { type: 'auto' });
    assert.deepEqual(body({ tool_choice: 'required' }), { type: 'any' });
    assert.deepEqual(body({ tool_choice: 'none' }), { type: 'none' });
    assert.deepEqual(body({ tool_choice: { type: 'function', function: { name: 'f' } } }), { type: 'tool', name: 'f' });
    assert.deepEqual(body({ parallel_tool_calls: false }), { type: 'auto', disable_parallel_tool_use: true });
    assert.equal(body({}), undefined);
  });

  it('refuses what Messages cannot express, naming it', () => {
    const send = (body: object) => () => translateRequest('openai-chat', 'anthropic', { model: 'm', messages: [], ...body });
    refused(send({ n: 2 }), /n > 1/);
    refused(send({ modalities: ['text', 'audio'] }), /audio/);
    refused(send({ response_format: { type: 'json_schema', json_schema: {} } }), /response_format "json_schema"/);
    refused(send({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] }] }), /content part "input_audio"/);
    refused(send({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AAAA' } }] }] }), /image type image\/tiff/);
    refused(send({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '[1]' } }] }] }), /not a JSON object/);
    refused(send({ tools: [{ type: 'custom', custom: { name: 'x' } }] }), /tool type "custom"/);
    refused(send({ messages: [{ role: 'function', name: 'f', content: 'x' }] }), /message role "function"/);
  });
});

describe('which exchanges translate', () => {
  it('an Azure OpenAI deployment speaks the OpenAI API', () => {
    assert.equal(apiOf('azure-openai'), 'openai');
    assert.equal(apiOf('openai'), 'openai');
    assert.equal(apiOf('anthropic'), 'anthropic');
    assert.equal(needsTranslation('anthropic-messages', apiOf('azure-openai')), true);
  });

  it('only a client of one API routed to the other', () => {
    assert.equal(needsTranslation('anthropic-messages', 'openai'), true);
    assert.equal(needsTranslation('openai-chat', 'anthropic'), true);
    assert.equal(needsTranslation('anthropic-messages', 'anthropic'), false);
    assert.equal(needsTranslation('openai-chat', 'openai'), false);
    assert.equal(needsTranslation('openai-responses', 'anthropic'), false);
    assert.equal(needsTranslation('passthrough', 'openai'), false);
  });

  it('passes a same-API body through, renaming only the model', () => {
    const body = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }], seed: 1 };
    assert.equal(translateRequest('openai-chat', 'openai', body).body, body);
    assert.deepEqual(translateRequest('openai-chat', 'openai', body, { model: 'prod-gpt41' }).body, { ...body, model: 'prod-gpt41' });
  });
});
