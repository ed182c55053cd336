// OpenAI Responses: a `response` object with `message` or `function_call` output items, and the
// named SSE events from response.created to response.completed, each with a sequence_number.
import { ids, nowSeconds } from '../ids.js';
import { tokens } from '../request-view.js';
import { eventFrame } from '../sse.js';
import type { ReplyInput } from './reply.js';

interface Ids {
  response: string;
  item: string;
  call: string;
  createdAt: number;
}

function newIds(r: ReplyInput): Ids {
  return {
    response: ids.response(),
    item: r.toolName === undefined ? ids.message() : ids.functionCall(),
    call: ids.call(),
    createdAt: nowSeconds(),
  };
}

function usage(r: ReplyInput, outputChars: number): object {
  const output = tokens(outputChars);
  return {
    input_tokens: r.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: r.inputTokens + output,
  };
}

function textPart(text: string): object {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function item(r: ReplyInput, k: Ids, content: string, done: boolean): object {
  const status = done ? 'completed' : 'in_progress';
  if (r.toolName === undefined) {
    return { id: k.item, type: 'message', status, content: done ? [textPart(content)] : [], role: 'assistant' };
  }
  return { id: k.item, type: 'function_call', status, arguments: content, call_id: k.call, name: r.toolName };
}

function response(r: ReplyInput, k: Ids, output: object[], done: boolean, outputChars: number): object {
  return {
    id: k.response,
    object: 'response',
    created_at: k.createdAt,
    status: done ? 'completed' : 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: r.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: done ? usage(r, outputChars) : null,
    user: null,
    metadata: {},
  };
}

export function responsesJson(r: ReplyInput, content: string): object {
  const k = newIds(r);
  return response(r, k, [item(r, k, content, true)], true, content.length);
}

export function* responsesStream(r: ReplyInput, pieces: Iterable<string>): Generator<string> {
  const k = newIds(r);
  let seq = 0;
  const ev = (type: string, fields: object): string => eventFrame(type, { type, sequence_number: seq++, ...fields });
  const at = { item_id: k.item, output_index: 0 };
  const text = r.toolName === undefined;
  yield ev('response.created', { response: response(r, k, [], false, 0) });
  yield ev('response.in_progress', { response: response(r, k, [], false, 0) });
  yield ev('response.output_item.added', { output_index: 0, item: item(r, k, '', false) });
  if (text) yield ev('response.content_part.added', { ...at, content_index: 0, part: textPart('') });
  let content = '';
  for (const delta of pieces) {
    content += delta;
    yield text
      ? ev('response.output_text.delta', { ...at, content_index: 0, delta, logprobs: [] })
      : ev('response.function_call_arguments.delta', { ...at, delta });
  }
  if (text) {
    yield ev('response.output_text.done', { ...at, content_index: 0, text: content, logprobs: [] });
    yield ev('response.content_part.done', { ...at, content_index: 0, part: textPart(content) });
  } else {
    yield ev('response.function_call_arguments.done', { ...at, name: r.toolName, arguments: content });
  }
  const done = item(r, k, content, true);
  yield ev('response.output_item.done', { output_index: 0, item: done });
  yield ev('response.completed', { response: response(r, k, [done], true, content.length) });
}
