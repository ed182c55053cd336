import { randomBytes } from 'node:crypto';
import type { SseEvent, SyncSseTransform } from '../stream/sse-event.js';
import { translateErrorBody } from './errors.js';
import { isObject, num, objects, parseJson, str, type Obj } from './json.js';
import { stopReasonOf } from './tables.js';
import { anthropicUsage } from './usage.js';

const event = (type: string, payload: Obj): SseEvent => ({ event: type, data: JSON.stringify({ type, ...payload }) });
const toolId = () => `toolu_${randomBytes(12).toString('hex')}`;

/**
 * OpenAI `chat.completion.chunk` events → the Anthropic event sequence: message_start, then for each
 * text run or tool call content_block_start / deltas / content_block_stop, then message_delta (stop
 * reason and usage) and message_stop. message_delta waits for `[DONE]` because the usage chunk
 * (`stream_options.include_usage`) comes after the chunk with the finish reason.
 */
export function openaiToAnthropicStream(): SyncSseTransform {
  let started = false;
  let done = false;
  let open: number | undefined;
  let openKind: 'text' | 'tool' | undefined;
  let blocks = 0;
  // Tool calls are keyed by `index`; a server that omits it (some compatible ones) by `id`, and a
  // piece with neither continues the last call.
  const tools = new Map<number | string, number>();
  let lastTool: number | string = 0;
  let finish: string | undefined;
  let usage: unknown;

  const close = (out: SseEvent[]) => {
    if (open !== undefined) out.push(event('content_block_stop', { index: open }));
    open = undefined;
    openKind = undefined;
  };
  const start = (out: SseEvent[], kind: 'text' | 'tool', block: Obj): number => {
    close(out);
    open = blocks++;
    openKind = kind;
    out.push(event('content_block_start', { index: open, content_block: block }));
    return open;
  };
  const stop = (out: SseEvent[]): SseEvent[] => {
    close(out);
    done = true;
    const stopReason = stopReasonOf(finish ?? 'stop', tools.size > 0);
    out.push(event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: anthropicUsage(usage) }));
    out.push(event('message_stop', {}));
    return out;
  };
  const fail = (message: string): SseEvent[] => {
    done = true;
    return [{ event: 'error', data: JSON.stringify(translateErrorBody('anthropic-messages', 502, { error: { message } })) }];
  };

  return {
    push(e) {
      if (done) return [];
      if (e.data === '[DONE]') return started ? stop([]) : fail('Upstream stream ended before any data');
      const chunk = parseJson(e.data);
      if (!isObject(chunk)) return [];
      if (isObject(chunk.error)) {
        done = true;
        return [{ event: 'error', data: JSON.stringify(translateErrorBody('anthropic-messages', 500, chunk)) }];
      }
      const out: SseEvent[] = [];
      if (!started) {
        started = true;
        const message = { id: chunk.id, type: 'message', role: 'assistant', model: chunk.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } };
        out.push(event('message_start', { message }));
      }
      if (isObject(chunk.usage)) usage = chunk.usage;
      // Chat Completions can return several choices; an Anthropic message is one, so choice 0 is it.
      const choice = objects(chunk.choices).find((c) => (num(c.index) ?? 0) === 0);
      if (!choice) return out;
      const delta = isObject(choice.delta) ? choice.delta : {};
      const text = (str(delta.content) ?? '') + (str(delta.refusal) ?? '');
      if (text !== '') {
        const index = openKind === 'text' ? open! : start(out, 'text', { type: 'text', text: '' });
        out.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      }
      for (const call of objects(delta.tool_calls)) {
        const fn = isObject(call.function) ? call.function : {};
        const at = num(call.index) ?? str(call.id) ?? lastTool;
        lastTool = at;
        let index = tools.get(at);
        if (index === undefined) {
          index = start(out, 'tool', { type: 'tool_use', id: str(call.id) ?? toolId(), name: str(fn.name) ?? '', input: {} });
          tools.set(at, index);
        }
        const args = str(fn.arguments);
        if (args) out.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: args } }));
      }
      if (typeof choice.finish_reason === 'string') {
        finish = choice.finish_reason;
        close(out);
      }
      return out;
    },
    end() {
      if (done) return [];
      // No [DONE]: a finish reason still makes a complete answer; without one the answer was cut.
      if (started && finish !== undefined) return stop([]);
      return fail('Upstream stream ended before the answer was complete');
    },
  };
}
