// Where a corpus case puts its text, and where the echo of it comes back: one entry per API shape.
// A new channel (a header, a query string, a multipart part) is one more entry here and a one-line
// `channel` field in a case.
import type { OutgoingHttpHeaders } from 'node:http';

export type Channel =
  | 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'tool-call-args'
  | 'query-string' | 'gzip-body' | 'deflate-body' | 'br-body' | 'message-name' | 'metadata-key';

export interface ChannelSpec {
  path: string;
  headers: OutgoingHttpHeaders;
  /** The request body carrying `text` where that channel carries user text. */
  body(text: string): object;
  /** The text the fake provider echoed back, as the client received it (restored). */
  echoed(response: unknown): string;
  /** The request target, when the text rides in it too (the query string). */
  target?(text: string): string;
  /** The body is sent with this Content-Encoding. */
  encoding?: 'gzip' | 'deflate' | 'br';
}

const TOOL = 'run_command';
const PARAMETERS = { type: 'object', properties: { command: { type: 'string' } } };
type Json = Record<string, unknown>;
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((o, k) => (o as Json | unknown[] | undefined)?.[k as never], v);

const CHAT_PATH = '/v1/chat/completions';
const chatBody = (text: string) => ({ model: 'gpt-4.1-mini', messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: text }] });
const chatEcho = (r: unknown) => String(at(r, 'choices', 0, 'message', 'content')).replace(/^echo: /, '');
/** The chat channel with the text also carried elsewhere: the echo (and its restoration) comes from the message. */
const chatAlso = (extra: Partial<ChannelSpec>): ChannelSpec => ({ path: CHAT_PATH, headers: { authorization: 'Bearer sk-test' }, body: chatBody, echoed: chatEcho, ...extra });

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
  // Request channels besides the JSON text fields: each also carries the text in the user message.
  'query-string': chatAlso({ target: (text) => `${CHAT_PATH}?user_note=${encodeURIComponent(text)}&api-version=2024-10-21` }),
  'gzip-body': chatAlso({ encoding: 'gzip' }),
  'deflate-body': chatAlso({ encoding: 'deflate' }),
  'br-body': chatAlso({ encoding: 'br' }),
  'message-name': chatAlso({ body: (text) => ({ model: 'gpt-4.1-mini', messages: [{ role: 'user', name: text, content: text }] }) }),
  'metadata-key': chatAlso({ body: (text) => ({ model: 'gpt-4.1-mini', store: true, metadata: { [text]: 'owner' }, messages: [{ role: 'user', content: text }] }) }),
};
