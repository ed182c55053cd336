import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectTextFields } from '../../../gateway/adapters/collect.js';
import { readField, writeField, type TextField } from '../../../gateway/adapters/text-field.js';

const summary = (fields: TextField[]) =>
  fields.map((f) => `${f.kind}${f.untrusted ? '!' : ''}${f.encoding === 'json' ? '{}' : ''}:${readField(f)}`).sort();

test('openai chat: every message kind, parts and tool-call arguments; no linkage fields', () => {
  const body = {
    model: 'gpt-x', user: 'alice@example.com', stream: true, service_tier: 'auto',
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'developer', content: [{ type: 'text', text: 'dev' }] },
      { role: 'user', name: 'bob', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'run', arguments: '{"cmd":"ls"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'tool out' },
    ],
    tools: [{ type: 'function', function: { name: 'run', description: 'Runs a command', parameters: { type: 'object' } } }],
  };
  assert.deepEqual(summary(collectTextFields('openai-chat', body)), [
    'message:hi', 'other:Runs a command', 'other:alice@example.com', 'system:dev', 'system:sys',
    'tool_args{}:{"cmd":"ls"}', 'tool_result!:tool out',
  ]);
});

test('openai responses: instructions, string input and typed items', () => {
  assert.deepEqual(summary(collectTextFields('openai-responses', { model: 'm', instructions: 'be brief', input: 'hello' })), [
    'message:hello', 'system:be brief',
  ]);
  const body = {
    model: 'm',
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'q' }, { type: 'input_file', file_data: 'QUFB', filename: 'a.pdf' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"a":1}' },
      { type: 'function_call_output', call_id: 'c1', output: 'result' },
      { type: 'reasoning', id: 'rs_1', encrypted_content: 'opaque', summary: [{ type: 'summary_text', text: 'thought' }] },
    ],
  };
  assert.deepEqual(summary(collectTextFields('openai-responses', body)), [
    'message:a.pdf', 'message:q', 'message:thought', 'tool_args{}:{"a":1}', 'tool_result!:result',
  ]);
});

test('anthropic messages: system blocks, tool_use input values, tool_result, documents; media and signatures skipped', () => {
  const body = {
    model: 'claude', max_tokens: 10,
    system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }],
    messages: [
      { role: 'user', content: 'plain' },
      { role: 'assistant', content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'redacted_thinking', data: 'enc' },
        { type: 'tool_use', id: 'tu_1', name: 'bash', input: { command: 'cat x', env: ['A=1'] } },
      ] },
      { role: 'user', content: [
        { type: 'tool_result', tool_use_id: 'tu_1', content: [{ type: 'text', text: 'file body' }] },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc text' } },
      ] },
    ],
  };
  assert.deepEqual(summary(collectTextFields('anthropic-messages', body)), [
    'document!:doc text', 'message:hmm', 'message:plain', 'system:sys', 'tool_args:A=1', 'tool_args:cat x', 'tool_result!:file body',
  ]);
  assert.deepEqual(summary(collectTextFields('anthropic-messages', { system: 'top', messages: [] })), ['system:top']);
});

test('passthrough walks every string value; fields write back in place', () => {
  const body = { input: ['one', 'two'], model: 'text-embedding-3', nested: { deep: [{ note: 'x' }] } };
  const fields = collectTextFields('passthrough', body);
  assert.deepEqual(summary(fields), ['other:one', 'other:two', 'other:x']);
  for (const f of fields) writeField(f, readField(f).toUpperCase());
  assert.deepEqual(body, { input: ['ONE', 'TWO'], model: 'text-embedding-3', nested: { deep: [{ note: 'X' }] } });
});
