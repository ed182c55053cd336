// Anthropic Messages (/v1/messages): how a response is handled, JSON and stream. The restore of
// whole content blocks and of a stream's block deltas lives here; its `tool_use` blocks are withheld by
// tool-call-gate/anthropic-messages.ts (stream) and tool-call-gate/document.ts (JSON); its text is the `text` blocks.
import { guardAnthropicToolCalls } from '../tool-call-gate/document.js';
import { anthropicMessagesGate } from '../tool-call-gate/anthropic-messages.js';
import { isObject, restoreEach, restoreField, restoreValuesField, type JsonObject } from '../restore/fields.js';
import type { Lookup } from '../restore/restore-text.js';
import type { SseEvent, SyncSseTransform } from '../../stream/sse-event.js';
import { mayNeedRestore, parseObject, withData } from '../restore/event-json.js';
import { HeldTails, type HeldTail } from '../restore/held-tails.js';
import { stringsIn, type ShapeSteps } from './shape-steps.js';

export const anthropicMessages: ShapeSteps = {
  restore: {
    document: (doc, lookup) => (restoreAnthropicMessage(doc, lookup) ? doc : undefined),
    stream: anthropicMessagesRestore,
  },
  guard: {
    toolCalls: { stream: anthropicMessagesGate, document: guardAnthropicToolCalls },
    text: (doc) => (isObject(doc) ? stringsIn(doc.content, (b) => (b.type === 'text' ? b.text : undefined)).join('\n') : ''),
  },
};

/** Restore one whole Anthropic content block in place: text, thinking, tool input. */
function restoreAnthropicBlock(block: JsonObject, lookup: Lookup): boolean {
  switch (block.type) {
    case 'text':
      return restoreField(block, 'text', lookup);
    case 'thinking':
      return restoreField(block, 'thinking', lookup);
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return restoreValuesField(block, 'input', lookup);
    default:
      return false;
  }
}

/** A whole Anthropic message (JSON response, or `message_start`'s snapshot). */
function restoreAnthropicMessage(message: unknown, lookup: Lookup): boolean {
  return isObject(message) && restoreEach(message.content, (b) => restoreAnthropicBlock(b, lookup));
}

/** Streamed text of each delta type: the field, and whether it is raw JSON (tool input). */
const DELTAS: Record<string, { field: string; json: boolean }> = {
  text_delta: { field: 'text', json: false },
  input_json_delta: { field: 'partial_json', json: true },
  thinking_delta: { field: 'thinking', json: false },
};
/** A block's opening text counts as its first delta. */
const START_DELTA: Record<string, string> = { text: 'text_delta', thinking: 'thinking_delta' };

interface Slot {
  index: unknown;
  deltaType: string;
}

const blockPrefix = (index: unknown) => `${String(index)}\0`;

/**
 * Restores an Anthropic Messages stream: `text_delta`, `thinking_delta` and `input_json_delta`
 * (as JSON text) per content block; whole blocks in `message_start` and `content_block_start`.
 * A held tail goes out as one extra `content_block_delta` just before `content_block_stop`.
 */
function anthropicMessagesRestore(lookup: Lookup): SyncSseTransform {
  const tails = new HeldTails<Slot>(lookup);

  /** Stream `obj[field]` as the next piece of block `index`; whether it changed. */
  const stream = (obj: JsonObject, field: string, index: unknown, deltaType: string, json: boolean): boolean => {
    const text = obj[field];
    if (typeof text !== 'string') return false;
    const out = tails.push(`${blockPrefix(index)}${deltaType}`, text, json, { index, deltaType });
    if (out === text) return false;
    obj[field] = out;
    return true;
  };

  const handle = (msg: JsonObject, before: SseEvent[]): boolean => {
    switch (msg.type) {
      case 'message_start':
        return restoreAnthropicMessage(msg.message, lookup);
      case 'content_block_start': {
        const block = msg.content_block;
        if (!isObject(block)) return false;
        const deltaType = START_DELTA[String(block.type)];
        if (deltaType === undefined) return restoreAnthropicBlock(block, lookup);
        return stream(block, DELTAS[deltaType]!.field, msg.index, deltaType, false);
      }
      case 'content_block_delta': {
        const delta = msg.delta;
        const spec = isObject(delta) ? DELTAS[String(delta.type)] : undefined;
        return spec !== undefined && isObject(delta) && stream(delta, spec.field, msg.index, String(delta.type), spec.json);
      }
      case 'content_block_stop':
        before.push(...tails.takeAll((k) => k.startsWith(blockPrefix(msg.index))).map(flushEvent));
        return false;
      case 'message_delta':
      case 'message_stop':
        before.push(...tails.takeAll().map(flushEvent));
        return false;
      default:
        return false;
    }
  };

  return {
    push(ev) {
      if (tails.size === 0 && !mayNeedRestore(ev.data)) return [ev];
      const msg = parseObject(ev.data);
      if (msg === undefined) return [ev];
      const before: SseEvent[] = [];
      const changed = handle(msg, before);
      return [...before, changed ? withData(ev, msg) : ev];
    },
    end: () => tails.takeAll().map(flushEvent),
  };
}

function flushEvent(t: HeldTail<Slot>): SseEvent {
  const delta = { type: t.meta.deltaType, [DELTAS[t.meta.deltaType]!.field]: t.text };
  return { event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index: t.meta.index, delta }) };
}
