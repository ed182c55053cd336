// What a client got from one call, the same way for the three API shapes, JSON or streamed: the
// text, the tool calls (a stream's argument deltas concatenated, as SDK accumulators do), the kinds
// of output in order and the stop reason. Streams also note each text delta as it arrives, so a
// test can see text reach the client while a tool call is still held.
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';

export type Shape = 'chat' | 'anthropic' | 'responses';
export const SHAPES: readonly Shape[] = ['chat', 'anthropic', 'responses'];

export interface ClientCall {
  name: string;
  arguments: string;
}

export interface Reply {
  text: string;
  calls: ClientCall[];
  /** chat: `text`/`tool_call`; Anthropic: content block types; Responses: output item types. */
  kinds: string[];
  /** chat finish_reason, Anthropic stop_reason, Responses status. */
  stop: string | null;
}

export interface Clients {
  openai: OpenAI;
  anthropic: Anthropic;
}

export interface CallOptions {
  /** The first (and only) tool the request offers; the fake calls it. */
  tool: string;
  stream: boolean;
  headers?: Record<string, string>;
  /** Called with each streamed text delta, as it arrives. */
  onText?: (delta: string) => void;
}

const schema = { type: 'object' as const, properties: { command: { type: 'string' } } };

export function callShape(shape: Shape, clients: Clients, userText: string, opts: CallOptions): Promise<Reply> {
  const req = { headers: opts.headers };
  switch (shape) {
    case 'chat': {
      const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: userText }], tools: [{ type: 'function' as const, function: { name: opts.tool, parameters: schema } }] };
      return opts.stream
        ? clients.openai.chat.completions.create({ ...body, stream: true }, req).then((s) => chatStream(s, opts.onText))
        : clients.openai.chat.completions.create(body, req).then(chatJson);
    }
    case 'anthropic': {
      const body = { model: 'claude-test', max_tokens: 256, messages: [{ role: 'user' as const, content: userText }], tools: [{ name: opts.tool, input_schema: schema }] };
      return opts.stream
        ? clients.anthropic.messages.create({ ...body, stream: true }, req).then((s) => anthropicStream(s, opts.onText))
        : clients.anthropic.messages.create(body, req).then(anthropicJson);
    }
    case 'responses': {
      const body = { model: 'gpt-4o', input: userText, tools: [{ type: 'function' as const, name: opts.tool, parameters: schema, strict: false }] };
      return opts.stream
        ? clients.openai.responses.create({ ...body, stream: true }, req).then((s) => responsesStream(s, opts.onText))
        : clients.openai.responses.create(body, req).then(responsesJson);
    }
  }
}

export function chatJson(c: OpenAI.Chat.ChatCompletion): Reply {
  const choice = c.choices[0]!;
  const calls = (choice.message.tool_calls ?? []).map((t) => (t.type === 'function' ? { name: t.function.name, arguments: t.function.arguments } : { name: t.custom.name, arguments: t.custom.input }));
  const text = choice.message.content ?? '';
  return { text, calls, kinds: [...(text ? ['text'] : []), ...calls.map(() => 'tool_call')], stop: choice.finish_reason };
}

export async function chatStream(stream: AsyncIterable<OpenAI.Chat.ChatCompletionChunk>, onText?: (d: string) => void): Promise<Reply> {
  let text = '';
  let stop: string | null = null;
  const calls = new Map<number, ClientCall>();
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) {
      text += choice.delta.content;
      onText?.(choice.delta.content);
    }
    for (const t of choice.delta.tool_calls ?? []) {
      const call = calls.get(t.index) ?? { name: '', arguments: '' };
      if (t.function?.name) call.name = t.function.name;
      call.arguments += t.function?.arguments ?? '';
      calls.set(t.index, call);
    }
    if (choice.finish_reason) stop = choice.finish_reason;
  }
  const ordered = [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  return { text, calls: ordered, kinds: [...(text ? ['text'] : []), ...ordered.map(() => 'tool_call')], stop };
}

export function anthropicJson(m: Anthropic.Message): Reply {
  const calls = m.content.flatMap((b) => (b.type === 'tool_use' ? [{ name: b.name, arguments: JSON.stringify(b.input) }] : []));
  const text = m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  return { text, calls, kinds: m.content.map((b) => b.type), stop: m.stop_reason };
}

export async function anthropicStream(stream: AsyncIterable<Anthropic.RawMessageStreamEvent>, onText?: (d: string) => void): Promise<Reply> {
  const blocks = new Map<number, { type: string; name: string; arguments: string; text: string }>();
  let stop: string | null = null;
  for await (const e of stream) {
    if (e.type === 'content_block_start') {
      const b = e.content_block;
      blocks.set(e.index, { type: b.type, name: b.type === 'tool_use' ? b.name : '', arguments: '', text: b.type === 'text' ? b.text : '' });
    } else if (e.type === 'content_block_delta') {
      const b = blocks.get(e.index)!;
      if (e.delta.type === 'text_delta') {
        b.text += e.delta.text;
        onText?.(e.delta.text);
      } else if (e.delta.type === 'input_json_delta') b.arguments += e.delta.partial_json;
    } else if (e.type === 'message_delta') stop = e.delta.stop_reason;
  }
  const ordered = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, b]) => b);
  return {
    text: ordered.map((b) => b.text).join(''),
    calls: ordered.filter((b) => b.type === 'tool_use').map((b) => ({ name: b.name, arguments: b.arguments })),
    kinds: ordered.map((b) => b.type),
    stop,
  };
}

export function responsesJson(r: OpenAI.Responses.Response): Reply {
  const calls = r.output.flatMap((i) => (i.type === 'function_call' ? [{ name: i.name, arguments: i.arguments }] : []));
  const text = r.output.flatMap((i) => (i.type === 'message' ? i.content.flatMap((c) => (c.type === 'output_text' ? [c.text] : [])) : [])).join('');
  return { text, calls, kinds: r.output.map((i) => i.type), stop: r.status ?? null };
}

/**
 * Built from the deltas as they come; the final `response.completed` snapshot must agree with them
 * (the gateway patches it when it refuses a call), which is checked here.
 */
export async function responsesStream(stream: AsyncIterable<OpenAI.Responses.ResponseStreamEvent>, onText?: (d: string) => void): Promise<Reply> {
  const items = new Map<number, { type: string; name: string; arguments: string; text: string }>();
  let completed: OpenAI.Responses.Response | undefined;
  for await (const e of stream) {
    if (e.type === 'response.output_item.added') {
      items.set(e.output_index, { type: e.item.type, name: e.item.type === 'function_call' ? e.item.name : '', arguments: '', text: '' });
    } else if (e.type === 'response.function_call_arguments.delta') items.get(e.output_index)!.arguments += e.delta;
    else if (e.type === 'response.output_text.delta') {
      items.get(e.output_index)!.text += e.delta;
      onText?.(e.delta);
    } else if (e.type === 'response.completed') completed = e.response;
  }
  const ordered = [...items.entries()].sort(([a], [b]) => a - b).map(([, i]) => i);
  const reply: Reply = {
    text: ordered.map((i) => i.text).join(''),
    calls: ordered.filter((i) => i.type === 'function_call').map((i) => ({ name: i.name, arguments: i.arguments })),
    kinds: ordered.map((i) => i.type),
    stop: completed?.status ?? null,
  };
  if (!completed) throw new Error('the stream ended without response.completed');
  const snapshot = responsesJson(completed);
  if (JSON.stringify([snapshot.kinds, snapshot.calls, snapshot.text]) !== JSON.stringify([reply.kinds, reply.calls, reply.text])) {
    throw new Error(`response.completed disagrees with the streamed events: ${JSON.stringify(snapshot)} vs ${JSON.stringify(reply)}`);
  }
  return reply;
}

/** What a client sees when the call was released, and when it was refused, per shape. */
export const RELEASED: Record<Shape, Pick<Reply, 'kinds' | 'stop'>> = {
  chat: { kinds: ['tool_call'], stop: 'tool_calls' },
  anthropic: { kinds: ['tool_use'], stop: 'tool_use' },
  responses: { kinds: ['function_call'], stop: 'completed' },
};
export const REFUSED: Record<Shape, Pick<Reply, 'kinds' | 'stop'>> = {
  chat: { kinds: ['text'], stop: 'stop' },
  anthropic: { kinds: ['text'], stop: 'end_turn' },
  responses: { kinds: ['message'], stop: 'completed' },
};
