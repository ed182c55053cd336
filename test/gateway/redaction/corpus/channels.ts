// Where a corpus case puts its text, and where the echo of it comes back: one entry per API shape.
// A new channel (a header, a query string, a multipart part) is one more entry here and a one-line
// `channel` field in a case.
import type { OutgoingHttpHeaders } from 'node:http';

export type Channel = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'tool-call-args';

export interface ChannelSpec {
  path: string;
  headers: OutgoingHttpHeaders;
  /** The request body carrying `text` where that channel carries user text. */
  body(text: string): object;
  /** The text the fake provider echoed back, as the client received it (restored). */
  echoed(response: unknown): string;
}

const TOOL = 'run_command';
const PARAMETERS = { type: 'object', properties: { command: { type: 'string' } } };
type Json = Record<string, unknown>;
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((o, k) => (o as Json | unknown[] | undefined)?.[k as never], v);

export const CHANNELS: Record<Channel, ChannelSpec> = {
  'openai-chat': {
    path: '/v1/chat/completions',
    headers: { authorization: 'Bearer sk-test' },
    body: (text) => ({ model: 'gpt-4.1-mini', messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: text }] }),
    echoed: (r) => String(at(r, 'choices', 0, 'message', 'content')).replace(/^echo: /, ''),
  },
  'openai-responses': {
    path: '/v1/responses',
    headers: { authorization: 'Bearer sk-test' },
    body: (text) => ({ model: 'gpt-4.1', instructions: 'Be brief.', input: [{ role: 'user', content: [{ type: 'input_text', text }] }] }),
    echoed: (r) => String(at(r, 'output', 0, 'content', 0, 'text')).replace(/^echo: /, ''),
  },
  'anthropic-messages': {
    path: '/v1/messages',
    headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' },
    body: (text) => ({ model: 'claude-test-model', max_tokens: 256, messages: [{ role: 'user', content: [{ type: 'text', text }] }] }),
    echoed: (r) => String(at(r, 'content', 0, 'text')).replace(/^echo: /, ''),
  },
  // The text rides in an earlier tool call's JSON arguments and in the last user turn; the fake
  // answers with a tool call whose arguments echo it, so restoration inside arguments is checked too.
  'tool-call-args': {
    path: '/v1/chat/completions',
    headers: { authorization: 'Bearer sk-test', 'x-fake-scenario': 'tool-call' },
    body: (text) => ({
      model: 'gpt-4.1-mini',
      tools: [{ type: 'function', function: { name: TOOL, description: 'Run a shell command', parameters: PARAMETERS } }],
      messages: [
        { role: 'user', content: 'Run the command from my notes.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: TOOL, arguments: JSON.stringify({ command: text }) } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'done' },
        { role: 'user', content: text },
      ],
    }),
    echoed: (r) => (JSON.parse(String(at(r, 'choices', 0, 'message', 'tool_calls', 0, 'function', 'arguments'))) as { echo: string }).echo,
  },
};
