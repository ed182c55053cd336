import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestFacts } from '../../../gateway/exchange/request-facts.js';

test('chat: model, stream flag, message count and offered tools', () => {
  const facts = requestFacts('openai-chat', {
    model: 'gpt-x', stream: true,
    messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }],
    tools: [{ type: 'function', function: { name: 'run' } }],
    previous_response_id: 'resp_1',
  });
  // previous_response_id means something only to the Responses API.
  assert.deepEqual(facts, { model: 'gpt-x', stream: true, messageCount: 2, tools: true, previousResponseId: undefined });
});

test('Responses API: input items are the messages, previous_response_id is read', () => {
  const facts = requestFacts('openai-responses', { model: 'm', input: [{ role: 'user', content: 'x' }], previous_response_id: 'resp_1', messages: [1, 2, 3] });
  assert.deepEqual(facts, { model: 'm', stream: false, messageCount: 1, tools: false, previousResponseId: 'resp_1' });
});

test('legacy functions count as tools; an empty tool list does not', () => {
  assert.equal(requestFacts('openai-chat', { functions: [{ name: 'f' }] }).tools, true);
  assert.equal(requestFacts('anthropic-messages', { tools: [] }).tools, false);
});

test('a body that is not an object, or fields of the wrong type, give empty facts', () => {
  const empty = { model: undefined, stream: false, messageCount: 0, tools: false, previousResponseId: undefined };
  assert.deepEqual(requestFacts('anthropic-messages', [1, 2]), empty);
  assert.deepEqual(requestFacts('anthropic-messages', null), empty);
  assert.deepEqual(requestFacts('anthropic-messages', { model: 7, stream: 'yes', messages: {} }), empty);
});
