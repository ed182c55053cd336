import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectTextFields } from '../../../gateway/adapters/collect.js';
import { readField, writeField, type TextField } from '../../../gateway/adapters/text-field.js';

const summary = (fields: TextField[]) =>
  fields.map((f) => `${f.kind}${f.untrusted ? '!' : ''}${f.encoding === 'json' ? '{}' : ''}:${readField(f)}`).sort();

test('openai chat: every message kind, parts, names, the model and tool-call arguments; no linkage ids', () => {
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
    'message:bob', 'message:hi', 'message:run', 'other:alice@example.com', 'other:gpt-x', 'system:dev', 'system:sys',
    'tool_args{}:{"cmd":"ls"}', 'tool_definition:Runs a command', 'tool_definition:run', 'tool_result!:tool out',
  ]);
});

test('openai responses: instructions, string input and typed items', () => {
  assert.deepEqual(summary(collectTextFields('openai-responses', { model: 'm', instructions: 'be brief', input: 'hello' })), [
    'message:hello', 'other:m', 'system:be brief',
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
    'message:a.pdf', 'message:q', 'message:thought', 'other:m', 'tool_args:f', 'tool_args{}:{"a":1}', 'tool_result!:result',
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
    'document!:doc text', 'message:hmm', 'message:plain', 'other:claude', 'system:sys',
    'tool_args:A=1', 'tool_args:bash', 'tool_args:cat x', 'tool_args:command', 'tool_args:env', 'tool_result!:file body',
  ]);
  assert.deepEqual(summary(collectTextFields('anthropic-messages', { system: 'top', messages: [] })), ['system:top']);
});

test('passthrough walks every string value; fields write back in place', () => {
  const body = { input: ['one', 'two'], model: 'text-embedding-3', nested: { deep: [{ note: 'x' }] } };
  const fields = collectTextFields('passthrough', body);
  assert.deepEqual(summary(fields), ['other:one', 'other:text-embedding-3', 'other:two', 'other:x']);
  for (const f of fields) writeField(f, readField(f).toUpperCase());
  assert.deepEqual(body, { input: ['ONE', 'TWO'], model: 'TEXT-EMBEDDING-3', nested: { deep: [{ note: 'X' }] } });
});

test('tool definitions are labelled as such in every shape (descriptions, schema text, enums), never as a message', () => {
  const schema = { type: 'object', properties: { to: { type: 'string', description: 'e.g. noreply@anthropic.com', enum: ['a@b.example'] } } };
  const chat = collectTextFields('openai-chat', { messages: [], tools: [{ type: 'function', function: { name: 'mail', description: 'Sends mail', parameters: schema } }], functions: [{ name: 'old', description: 'legacy' }] });
  assert.deepEqual(summary(chat), ['tool_definition:Sends mail', 'tool_definition:a@b.example', 'tool_definition:e.g. noreply@anthropic.com', 'tool_definition:legacy', 'tool_definition:mail', 'tool_definition:old']);
  const responses = collectTextFields('openai-responses', { input: 'hi', tools: [{ type: 'function', name: 'exec_command', description: 'Runs a command', parameters: schema }, { type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'x', description: 'nested' }] }] });
  assert.deepEqual(summary(responses), ['message:hi', 'tool_definition:Runs a command', 'tool_definition:a@b.example', 'tool_definition:e.g. noreply@anthropic.com', 'tool_definition:exec_command', 'tool_definition:nested', 'tool_definition:ns', 'tool_definition:x']);
  const anthropic = collectTextFields('anthropic-messages', { messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'Bash', description: 'Co-Authored-By: Claude <noreply@anthropic.com>', input_schema: schema }] });
  assert.deepEqual(summary(anthropic), ['message:hi', 'tool_definition:Bash', 'tool_definition:Co-Authored-By: Claude <noreply@anthropic.com>', 'tool_definition:a@b.example', 'tool_definition:e.g. noreply@anthropic.com']);
});

test("text an agent program writes into the user's turn in its own wrapper is labelled system; the user's own text stays a message", () => {
  const anthropic = collectTextFields('anthropic-messages', {
    messages: [{ role: 'user', content: [
      { type: 'text', text: '<system-reminder>\nCo-Authored-By: Claude <noreply@anthropic.com>\n</system-reminder>\n' },
      { type: 'text', text: 'say hi to bob@corp.example' },
      { type: 'text', text: 'about <system-reminder> tags' },
    ] }],
  });
  assert.deepEqual(summary(anthropic), [
    'message:about <system-reminder> tags', 'message:say hi to bob@corp.example',
    'system:<system-reminder>\nCo-Authored-By: Claude <noreply@anthropic.com>\n</system-reminder>\n',
  ]);
  const codex = collectTextFields('openai-responses', {
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>\n  <cwd>/w</cwd>\n</environment_context>' }] }, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'run ls' }] }],
  });
  assert.deepEqual(summary(codex), ['message:run ls', 'system:<environment_context>\n  <cwd>/w</cwd>\n</environment_context>']);
  // A tool result that starts with the same tag is still untrusted tool output, not the client's text.
  const result = collectTextFields('anthropic-messages', { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: '<system-reminder>x</system-reminder>' }] }] });
  assert.deepEqual(summary(result), ['tool_result!:<system-reminder>x</system-reminder>']);
});

test("Codex's code mode declares its tools in an additional_tools input item: labelled as tool definitions too", () => {
  const body = { input: [{ type: 'additional_tools', role: 'developer', tools: [{ type: 'namespace', name: 'functions', tools: [{ type: 'custom', name: 'exec', description: 'Run JavaScript' }] }] }, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] }] };
  assert.deepEqual(summary(collectTextFields('openai-responses', body)), ['message:go', 'tool_definition:Run JavaScript', 'tool_definition:exec', 'tool_definition:functions']);
});

test('the keys of metadata maps are fields too: writing one renames the key in place, order and value kept', () => {
  const body = { model: 'm', metadata: { first: '1', 'maria@corp.example': 'owner', last: '3' }, messages: [{ role: 'user', content: 'hi' }] };
  const fields = collectTextFields('openai-chat', body);
  assert.deepEqual(summary(fields), ['message:hi', 'other:1', 'other:3', 'other:first', 'other:last', 'other:m', 'other:maria@corp.example', 'other:owner']);
  const key = fields.find((f) => readField(f) === 'maria@corp.example')!;
  writeField(key, '[[EMAIL_ABCDEFGH]]');
  assert.deepEqual(Object.entries(body.metadata), [['first', '1'], ['[[EMAIL_ABCDEFGH]]', 'owner'], ['last', '3']]);
  assert.equal(readField(key), '[[EMAIL_ABCDEFGH]]');
});
