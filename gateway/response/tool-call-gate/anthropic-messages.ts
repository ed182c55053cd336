import { isObject, type JsonObject } from '../restore/fields.js';
import { parseObject, withData } from '../restore/event-json.js';
import type { Emitted, SseEvent, SseTransform } from '../../stream/sse-event.js';
import { andThen, judgeInOrder, type GatedCall, type Judge, type Judgement } from './judge.js';

interface Block {
  index: unknown;
  order: number;
  start: JsonObject;
  events: SseEvent[];
  json: string;
}

const TOOL_USE = '"tool_use"';

const event = (type: string, body: JsonObject): SseEvent => ({ event: type, data: JSON.stringify({ type, ...body }) });

/** A text block at the refused block's index: start, one delta with the refusal, stop. */
export function refusalBlockEvents(index: unknown, refusal: string): SseEvent[] {
  return [
    event('content_block_start', { index, content_block: { type: 'text', text: '' } }),
    event('content_block_delta', { index, delta: { type: 'text_delta', text: refusal } }),
    event('content_block_stop', { index }),
  ];
}

/**
 * Withholds each `tool_use` content block of an Anthropic Messages stream (start, `input_json_delta`s,
 * stop) and judges it at its `content_block_stop`. Released: the withheld events go out unchanged.
 * Refused: a text block with the refusal at the same index, and `stop_reason: "tool_use"` becomes
 * `"end_turn"` when no tool_use block of the message remains. Server-side tool blocks
 * (`server_tool_use`, `mcp_tool_use`) run at the provider, so they are not withheld.
 */
export function anthropicMessagesGate(judge: Judge): SseTransform {
  const open = new Map<string, Block>();
  let order = 0;
  let released = 0;
  let refused = 0;

  const settle = (b: Block, j: Judgement): SseEvent[] => {
    if (j.release) {
      released++;
      return b.events;
    }
    refused++;
    return refusalBlockEvents(b.index, j.refusal);
  };

  const release = (due: Block[], after: () => SseEvent[]): Emitted => {
    if (due.length === 0) return after();
    return andThen(judgeInOrder(due.map(gatedCall), judge), (js) => [...due.flatMap((b, i) => settle(b, js[i]!)), ...after()]);
  };

  const closeAll = (): Block[] => {
    const due = [...open.values()];
    open.clear();
    return due;
  };

  const handle = (ev: SseEvent, msg: JsonObject): Emitted => {
    const key = String(msg.index);
    switch (msg.type) {
      case 'content_block_start': {
        const block = msg.content_block;
        if (!isObject(block) || block.type !== 'tool_use') return [ev];
        open.set(key, { index: msg.index, order: order++, start: block, events: [ev], json: '' });
        return [];
      }
      case 'content_block_delta': {
        const b = open.get(key);
        if (b === undefined) return [ev];
        b.events.push(ev);
        if (isObject(msg.delta) && msg.delta.type === 'input_json_delta' && typeof msg.delta.partial_json === 'string') b.json += msg.delta.partial_json;
        return [];
      }
      case 'content_block_stop': {
        const b = open.get(key);
        if (b === undefined) return [ev];
        open.delete(key);
        b.events.push(ev);
        return release([b], () => []);
      }
      case 'message_delta':
        // A block never stopped (a cut stream) is judged before the message ends.
        return release(closeAll(), () => {
          const delta = msg.delta;
          if (!isObject(delta) || delta.stop_reason !== 'tool_use' || released > 0 || refused === 0) return [ev];
          delta.stop_reason = 'end_turn';
          return [withData(ev, msg)];
        });
      case 'message_stop':
        return release(closeAll(), () => [ev]);
      default:
        return [ev];
    }
  };

  return {
    push(ev) {
      if (open.size === 0 && !ev.data.includes(TOOL_USE)) return [ev];
      const msg = parseObject(ev.data);
      return msg === undefined ? [ev] : handle(ev, msg);
    },
    end: () => release(closeAll(), () => []),
  };
}

/** The block's input: its streamed JSON, or the start block's own `input` when nothing streamed. */
function gatedCall(b: Block): GatedCall {
  const args = b.json !== '' ? b.json : JSON.stringify(b.start.input ?? {});
  const gated: GatedCall = { name: typeof b.start.name === 'string' ? b.start.name : '', arguments: args, index: b.order };
  if (typeof b.start.id === 'string') gated.id = b.start.id;
  return gated;
}
