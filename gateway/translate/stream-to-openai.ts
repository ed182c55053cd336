import type { SseEvent, SyncSseTransform } from '../stream/sse-event.js';
import { translateErrorBody } from './errors.js';
import { isObject, num, parseJson, str, type Obj } from './json.js';
import { FINISH_REASON } from './tables.js';
import { openaiUsage } from './usage.js';

export interface OpenaiStreamOptions {
  /** The client asked for `stream_options.include_usage`: add the usage chunk before `[DONE]`. */
  includeUsage: boolean;
  /** `created` of every chunk (seconds). */
  created: number;
}

/**
 * Anthropic Messages events → OpenAI `chat.completion.chunk`s: message_start gives the role chunk,
 * text deltas become `delta.content`, each tool_use block a `delta.tool_calls[i]` (id and name first,
 * then argument pieces from input_json_delta), message_delta the finish reason, message_stop the
 * usage chunk (when asked for) and `[DONE]`. Thinking blocks and pings have no counterpart.
 */
export function anthropicToOpenaiStream(options: OpenaiStreamOptions): SyncSseTransform {
  let id: unknown;
  let model: unknown;
  let usage: Obj = {};
  let done = false;
  const tools = new Map<number, number>();
  const extra = options.includeUsage ? { usage: null } : {};
  const chunk = (delta: Obj, finish: string | null = null): SseEvent => ({
    data: JSON.stringify({ id, object: 'chat.completion.chunk', created: options.created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra }),
  });
  const fail = (status: number, body: unknown): SseEvent[] => {
    done = true;
    return [{ data: JSON.stringify(translateErrorBody('openai-chat', status, body)) }];
  };

  return {
    push(e) {
      if (done) return [];
      const data = parseJson(e.data);
      if (!isObject(data)) return [];
      const block = isObject(data.content_block) ? data.content_block : {};
      const delta = isObject(data.delta) ? data.delta : {};
      const index = num(data.index) ?? 0;
      switch (str(data.type) ?? e.event) {
        case 'message_start': {
          const message = isObject(data.message) ? data.message : {};
          id = message.id;
          model = message.model;
          if (isObject(message.usage)) usage = { ...message.usage };
          return [chunk({ role: 'assistant', content: '' })];
        }
        case 'content_block_start':
          if (block.type === 'tool_use') {
            tools.set(index, tools.size);
            return [chunk({ tool_calls: [{ index: tools.get(index), id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
          }
          return block.type === 'text' && str(block.text) ? [chunk({ content: block.text })] : [];
        case 'content_block_delta':
          if (delta.type === 'text_delta') return [chunk({ content: delta.text })];
          if (delta.type === 'input_json_delta' && tools.has(index) && str(delta.partial_json)) {
            return [chunk({ tool_calls: [{ index: tools.get(index), function: { arguments: delta.partial_json } }] })];
          }
          return [];
        case 'message_delta': {
          // Usage counters in message_delta are whole-message totals: later values replace earlier ones.
          if (isObject(data.usage)) usage = { ...usage, ...data.usage };
          const stop = str(delta.stop_reason);
          return [chunk({}, stop === undefined ? 'stop' : (FINISH_REASON[stop] ?? 'stop'))];
        }
        case 'message_stop': {
          done = true;
          const out: SseEvent[] = [];
          if (options.includeUsage) out.push({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created: options.created, model, choices: [], usage: openaiUsage(usage) }) });
          out.push({ data: '[DONE]' });
          return out;
        }
        case 'error':
          return fail(500, data);
        default:
          return [];
      }
    },
    end() {
      return done ? [] : fail(502, { error: { message: 'Upstream stream ended before the answer was complete' } });
    },
  };
}
