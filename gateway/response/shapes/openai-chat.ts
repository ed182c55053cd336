// OpenAI chat completions (/v1/chat/completions): how a response is handled, JSON and stream. The
// restore of a whole `message` and of a stream's deltas lives here; its tool calls are withheld by
// tool-call-gate/openai-chat.ts (stream) and tool-call-gate/document.ts (JSON); its text is each choice's `content`.
import { guardChatToolCalls } from '../tool-call-gate/document.js';
import { openaiChatGate } from '../tool-call-gate/openai-chat.js';
import { isObject, restoreEach, restoreField, type JsonObject } from '../restore/fields.js';
import type { Lookup } from '../restore/restore-text.js';
import type { SseEvent, SyncSseTransform } from '../../stream/sse-event.js';
import { mayNeedRestore, parseObject, withData } from '../restore/event-json.js';
import { HeldTails, type HeldTail } from '../restore/held-tails.js';
import { stringsIn, type ShapeSteps } from './shape-steps.js';

export const openaiChat: ShapeSteps = {
  restore: {
    document: (doc, lookup) => (isObject(doc) && restoreEach(doc.choices, (c) => isObject(c.message) && restoreChatMessage(c.message, lookup)) ? doc : undefined),
    stream: openaiChatRestore,
  },
  guard: {
    toolCalls: { stream: openaiChatGate, document: guardChatToolCalls },
    text: (doc) => (isObject(doc) ? stringsIn(doc.choices, (c) => (isObject(c.message) ? c.message.content : undefined)).join('\n') : ''),
  },
};

/** Text fields of an OpenAI chat message or stream delta (reasoning fields are provider extensions). */
const CHAT_TEXT_FIELDS = ['content', 'refusal', 'reasoning_content', 'reasoning'] as const;

/** One whole OpenAI chat `message` (non-streamed choice), in place. */
function restoreChatMessage(message: JsonObject, lookup: Lookup): boolean {
  let changed = false;
  for (const field of CHAT_TEXT_FIELDS) if (restoreField(message, field, lookup)) changed = true;
  const part = (p: JsonObject) => (p.type === 'refusal' ? restoreField(p, 'refusal', lookup) : restoreField(p, 'text', lookup));
  if (restoreEach(message.content, part)) changed = true;
  if (restoreEach(message.tool_calls, (tc) => isObject(tc.function) && restoreField(tc.function, 'arguments', lookup, true))) changed = true;
  if (isObject(message.function_call) && restoreField(message.function_call, 'arguments', lookup, true)) changed = true;
  return changed;
}

interface Slot {
  /** The chunk the field last appeared in: its envelope (id, model, …) dresses a flush chunk. */
  chunk: JsonObject;
  choice: unknown;
  field: string;
  /** Tool-call index when the field is that tool call's `function.arguments`. */
  tool?: unknown;
}

const choicePrefix = (choice: unknown) => `${String(choice)}\0`;
const fieldKey = (choice: unknown, field: string) => `${String(choice)}\0${field}`;
const toolKey = (choice: unknown, tool: unknown) => `${String(choice)}\0tool\0${String(tool)}`;

/**
 * Restores an OpenAI chat completions stream: `delta.content`, `refusal`, reasoning fields and
 * `tool_calls[].function.arguments` (as JSON text), per choice and tool-call index. A held tail is
 * appended to the finishing chunk when that chunk carries the field, otherwise it goes out as its
 * own delta chunk just before (the finishing chunk, the next tool call's first chunk, or `[DONE]`).
 */
function openaiChatRestore(lookup: Lookup): SyncSseTransform {
  const tails = new HeldTails<Slot>(lookup);

  const pushChoice = (chunk: JsonObject, choice: JsonObject, idx: unknown, before: SseEvent[]): boolean => {
    let changed = false;
    const delta = isObject(choice.delta) ? choice.delta : undefined;
    if (delta !== undefined) {
      for (const field of CHAT_TEXT_FIELDS) {
        const text = delta[field];
        if (typeof text !== 'string') continue;
        const out = tails.push(fieldKey(idx, field), text, false, { chunk, choice: idx, field });
        if (out !== text) {
          delta[field] = out;
          changed = true;
        }
      }
      if (Array.isArray(delta.tool_calls)) {
        const seen = new Set<string>();
        delta.tool_calls.forEach((tc: unknown, pos) => {
          if (!isObject(tc) || !isObject(tc.function) || typeof tc.function.arguments !== 'string') return;
          const tool = tc.index ?? pos;
          const key = toolKey(idx, tool);
          seen.add(key);
          const text = tc.function.arguments;
          const out = tails.push(key, text, true, { chunk, choice: idx, field: 'arguments', tool });
          if (out !== text) {
            tc.function.arguments = out;
            changed = true;
          }
        });
        // A tool call absent from this chunk while another streams is complete: release its tail.
        const toolsOfChoice = `${choicePrefix(idx)}tool\0`;
        if (tails.size > 0) before.push(...flushChunks(tails.takeAll((k) => k.startsWith(toolsOfChoice) && !seen.has(k))));
      }
    }
    if (choice.finish_reason == null || tails.size === 0) return changed;
    const rest: HeldTail<Slot>[] = [];
    for (const t of tails.takeAll((k) => k.startsWith(choicePrefix(idx)))) {
      if (appendToOwnField(delta, t)) changed = true;
      else rest.push(t);
    }
    before.push(...flushChunks(rest));
    return changed;
  };

  return {
    push(ev) {
      if (tails.size === 0 && !mayNeedRestore(ev.data)) return [ev];
      if (ev.data.trim() === '[DONE]') return [...flushChunks(tails.takeAll()), ev];
      const chunk = parseObject(ev.data);
      if (chunk === undefined || !Array.isArray(chunk.choices)) return [ev];
      const before: SseEvent[] = [];
      let changed = false;
      chunk.choices.forEach((choice: unknown, pos) => {
        if (isObject(choice) && pushChoice(chunk, choice, choice.index ?? pos, before)) changed = true;
      });
      return [...before, changed ? withData(ev, chunk) : ev];
    },
    end: () => flushChunks(tails.takeAll()),
  };
}

/** Put a tail into the finishing chunk's own delta when it carries that very field. */
function appendToOwnField(delta: JsonObject | undefined, t: HeldTail<Slot>): boolean {
  if (delta === undefined) return false;
  if (t.meta.tool === undefined) {
    if (typeof delta[t.meta.field] !== 'string') return false;
    delta[t.meta.field] += t.text;
    return true;
  }
  const calls: unknown[] = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
  const tc = calls.find((c, pos) => isObject(c) && (c.index ?? pos) === t.meta.tool);
  if (!isObject(tc) || !isObject(tc.function) || typeof tc.function.arguments !== 'string') return false;
  tc.function.arguments += t.text;
  return true;
}

/** One delta chunk per choice carrying its flushed tails, dressed in the last chunk's envelope. */
function flushChunks(tails: HeldTail<Slot>[]): SseEvent[] {
  const byChoice = new Map<unknown, HeldTail<Slot>[]>();
  for (const t of tails) byChoice.set(t.meta.choice, [...(byChoice.get(t.meta.choice) ?? []), t]);
  return [...byChoice].map(([choice, group]) => {
    const delta: JsonObject = {};
    const toolCalls: JsonObject[] = [];
    for (const t of group) {
      if (t.meta.tool === undefined) delta[t.meta.field] = t.text;
      else toolCalls.push({ index: t.meta.tool, function: { arguments: t.text } });
    }
    if (toolCalls.length > 0) delta.tool_calls = toolCalls;
    const { choices: _choices, usage: _usage, ...envelope } = group[group.length - 1]!.meta.chunk;
    return { data: JSON.stringify({ ...envelope, choices: [{ index: choice, delta, logprobs: null, finish_reason: null }] }) };
  });
}
