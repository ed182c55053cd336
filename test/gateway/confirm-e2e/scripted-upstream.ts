// A provider answer the fake provider cannot give: assistant text, then a dangerous tool call, then
// an ordinary one, in one response (the fake answers with text or one tool call, never both). A
// real HTTP server on port 0 that answers every chat, Messages and Responses request with that
// script, streamed (each event its own write) or as one JSON body, in the provider's own shape.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SCRIPT = {
  text: 'Cleaning up before the rebuild. ',
  dangerous: { name: 'Bash', arguments: '{"command":"rm -rf /"}' },
  ordinary: { name: 'Bash', arguments: '{"command":"ls -la"}' },
};

export interface ScriptedUpstream {
  url: string;
  /** Requests answered so far. */
  count: number;
  close(): Promise<void>;
}

const sse = (data: object, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
const halves = (s: string): [string, string] => [s.slice(0, s.length >> 1), s.slice(s.length >> 1)];
const { text, dangerous: d, ordinary: o } = SCRIPT;

function chatFrames(): string[] {
  const chunk = (delta: object, finish: string | null = null) =>
    sse({ id: 'chatcmpl-s1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const call = (index: number, id: string, c: typeof d) => [
    chunk({ tool_calls: [{ index, id, type: 'function', function: { name: c.name, arguments: '' } }] }),
    ...halves(c.arguments).map((piece) => chunk({ tool_calls: [{ index, function: { arguments: piece } }] })),
  ];
  return [chunk({ role: 'assistant', content: '' }), chunk({ content: text }), ...call(0, 'call_a', d), ...call(1, 'call_b', o), chunk({}, 'tool_calls'), 'data: [DONE]\n\n'];
}

const chatJson = () => ({
  id: 'chatcmpl-s1', object: 'chat.completion', created: 1, model: 'gpt-4o',
  choices: [{
    index: 0, logprobs: null, finish_reason: 'tool_calls',
    message: { role: 'assistant', content: text, refusal: null, tool_calls: [d, o].map((c, i) => ({ id: `call_${i}`, type: 'function', function: c })) },
  }],
  usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
});

function anthropicFrames(): string[] {
  const ev = (type: string, data: object) => sse({ type, ...data }, type);
  const toolBlock = (index: number, id: string, c: typeof d) => [
    ev('content_block_start', { index, content_block: { type: 'tool_use', id, name: c.name, input: {} } }),
    ...halves(c.arguments).map((partial_json) => ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } })),
    ev('content_block_stop', { index }),
  ];
  return [
    ev('message_start', { message: { id: 'msg_s1', type: 'message', role: 'assistant', model: 'claude-test', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }),
    ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    ev('content_block_stop', { index: 0 }),
    ...toolBlock(1, 'toolu_a', d),
    ...toolBlock(2, 'toolu_b', o),
    ev('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } }),
    ev('message_stop', {}),
  ];
}

const anthropicJson = () => ({
  id: 'msg_s1', type: 'message', role: 'assistant', model: 'claude-test', stop_reason: 'tool_use', stop_sequence: null,
  content: [{ type: 'text', text }, ...[d, o].map((c, i) => ({ type: 'tool_use', id: `toolu_${i}`, name: c.name, input: JSON.parse(c.arguments) as unknown }))],
  usage: { input_tokens: 5, output_tokens: 9 },
});

const message = (status: string, t: string) => ({ id: 'msg_r1', type: 'message', status, role: 'assistant', content: [{ type: 'output_text', text: t, annotations: [] }] });
const fnCall = (i: number, status: string, c: typeof d, args = c.arguments) => ({ id: `fc_${i}`, type: 'function_call', status, call_id: `call_${i}`, name: c.name, arguments: args });
const response = (status: string, output: object[]) => ({ id: 'resp_s1', object: 'response', created_at: 1, status, model: 'gpt-4o', output, tools: [], parallel_tool_calls: true });

function responsesFrames(): string[] {
  let seq = 0;
  const ev = (type: string, data: object) => sse({ type, sequence_number: seq++, ...data }, type);
  const call = (index: number, c: typeof d) => [
    ev('response.output_item.added', { output_index: index, item: fnCall(index, 'in_progress', c, '') }),
    ...halves(c.arguments).map((delta) => ev('response.function_call_arguments.delta', { output_index: index, item_id: `fc_${index}`, delta })),
    ev('response.function_call_arguments.done', { output_index: index, item_id: `fc_${index}`, arguments: c.arguments }),
    ev('response.output_item.done', { output_index: index, item: fnCall(index, 'completed', c) }),
  ];
  const part = { type: 'output_text', text: '', annotations: [] };
  return [
    ev('response.created', { response: response('in_progress', []) }),
    ev('response.output_item.added', { output_index: 0, item: { ...message('in_progress', ''), content: [] } }),
    ev('response.content_part.added', { output_index: 0, item_id: 'msg_r1', content_index: 0, part }),
    ev('response.output_text.delta', { output_index: 0, item_id: 'msg_r1', content_index: 0, delta: text }),
    ev('response.output_text.done', { output_index: 0, item_id: 'msg_r1', content_index: 0, text }),
    ev('response.content_part.done', { output_index: 0, item_id: 'msg_r1', content_index: 0, part: { ...part, text } }),
    ev('response.output_item.done', { output_index: 0, item: message('completed', text) }),
    ...call(1, d),
    ...call(2, o),
    ev('response.completed', { response: response('completed', [message('completed', text), fnCall(1, 'completed', d), fnCall(2, 'completed', o)]) }),
  ];
}

const responsesJson = () => response('completed', [message('completed', text), fnCall(1, 'completed', d), fnCall(2, 'completed', o)]);

function answer(req: IncomingMessage, body: string, res: ServerResponse): void {
  const stream = (JSON.parse(body) as { stream?: boolean }).stream === true;
  const path = req.url ?? '';
  const [frames, json] = path.endsWith('/chat/completions') ? [chatFrames, chatJson] : path.endsWith('/messages') ? [anthropicFrames, anthropicJson] : [responsesFrames, responsesJson];
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json()));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const frame of frames()) res.write(frame);
  res.end();
}

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const upstream: ScriptedUpstream = { url: '', count: 0, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
      upstream.count++;
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return upstream;
}
