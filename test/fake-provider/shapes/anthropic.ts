// Anthropic Messages: a `message` with `text` or `tool_use` blocks, and the SSE sequence
// message_start, content_block_start, ping, content_block_delta…, content_block_stop, message_delta, message_stop.
import { ids } from '../ids.js';
import { tokens } from '../request-view.js';
import { eventFrame } from '../sse.js';
import type { ReplyInput } from './reply.js';

function message(r: ReplyInput, id: string, content: object[], stopReason: string | null, outputTokens: number): object {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: r.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: r.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens,
      service_tier: 'standard',
    },
  };
}

function stopReason(r: ReplyInput): string {
  return r.toolName === undefined ? 'end_turn' : 'tool_use';
}

export function anthropicJson(r: ReplyInput, content: string): object {
  const block = r.toolName === undefined
    ? { type: 'text', text: content }
    : { type: 'tool_use', id: ids.toolUse(), name: r.toolName, input: JSON.parse(content) as unknown };
  return message(r, ids.anthropicMessage(), [block], stopReason(r), tokens(content.length));
}

export function* anthropicStream(r: ReplyInput, pieces: Iterable<string>): Generator<string> {
  const text = r.toolName === undefined;
  yield eventFrame('message_start', { type: 'message_start', message: message(r, ids.anthropicMessage(), [], null, 1) });
  yield eventFrame('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: text ? { type: 'text', text: '' } : { type: 'tool_use', id: ids.toolUse(), name: r.toolName, input: {} },
  });
  yield eventFrame('ping', { type: 'ping' });
  let chars = 0;
  for (const piece of pieces) {
    chars += piece.length;
    yield eventFrame('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: text ? { type: 'text_delta', text: piece } : { type: 'input_json_delta', partial_json: piece },
    });
  }
  yield eventFrame('content_block_stop', { type: 'content_block_stop', index: 0 });
  yield eventFrame('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReason(r), stop_sequence: null },
    usage: { output_tokens: tokens(chars) },
  });
  yield eventFrame('message_stop', { type: 'message_stop' });
}
