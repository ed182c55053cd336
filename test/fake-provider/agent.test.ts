// The `agent` scenario: shell tool calls shaped by each agent's tool schema, and the tool round trip.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentTurn } from './agent.js';
import { startFakeProvider } from './index.js';
import type { FakeProvider } from './types.js';

const claudeBash = { name: 'Bash', description: 'Run', input_schema: { type: 'object', properties: { command: { type: 'string' }, timeout: { type: 'number' } } } };
const codexExec = { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } } } };
const oldShell = { type: 'function', function: { name: 'shell', parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } } } } };

describe('fake provider: agent scenario', () => {
  it('RUN: calls the offered shell tool with arguments in its schema’s shape', () => {
    assert.deepEqual(agentTurn('anthropic', { tools: [{ name: 'Read' }, claudeBash] }, 'hi\nRUN: echo [[EMAIL_ABCDEFGH]]'),
      { kind: 'tool', name: 'Bash', args: JSON.stringify({ command: 'echo [[EMAIL_ABCDEFGH]]', description: 'Run the command the user asked for' }) });
    assert.deepEqual(agentTurn('responses', { tools: [codexExec] }, 'RUN: ls'), { kind: 'tool', name: 'exec_command', args: '{"cmd":"ls"}' });
    assert.deepEqual(agentTurn('chat', { tools: [oldShell] }, 'RUN: ls'), { kind: 'tool', name: 'shell', args: '{"command":["bash","-lc","ls"]}' });
    assert.equal(agentTurn('chat', { tools: [] }, 'just chatting'), undefined);
  });

  it('a tool result as the last input is answered with its text', () => {
    assert.deepEqual(agentTurn('anthropic', { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'out\n' }] }] }] }, ''), { kind: 'text', text: 'tool said: out' });
    assert.deepEqual(agentTurn('responses', { input: [{ type: 'function_call_output', call_id: 'c', output: 'done' }] }, ''), { kind: 'text', text: 'tool said: done' });
    assert.deepEqual(agentTurn('chat', { messages: [{ role: 'tool', tool_call_id: 'c', content: 'ok' }] }, ''), { kind: 'text', text: 'tool said: ok' });
  });

  describe('on the wire', () => {
    let fake: FakeProvider;
    before(async () => {
      fake = await startFakeProvider();
      fake.setScenario('agent');
    });
    after(() => fake.close());

    it('streams the tool call as Responses function_call events', async () => {
      const res = await fetch(`${fake.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', stream: true, input: 'RUN: pwd', tools: [codexExec] }) });
      const text = await res.text();
      assert.match(text, /event: response\.function_call_arguments\.done/);
      assert.match(text, /"name":"exec_command","arguments":"\{\\"cmd\\":\\"pwd\\"\}"/);
    });
  });
});
