import { isObject, type JsonObject } from '../restore/fields.js';
import { toolCallFields } from './call-fields.js';
import type { GatedCall, Judge } from './judge.js';
import { outputText, refusalMessageItem } from './responses-message.js';

/**
 * The response guard on a whole (non-streamed) JSON response of one shape: every tool call is
 * judged, in order, before anything is released. Refused calls become text in the provider's own
 * shape: appended to a chat message's `content`, a `text` block in place of an Anthropic `tool_use`,
 * a `message` item in place of a Responses `function_call`. Stop reasons follow when no tool call
 * remains. The parsed document is changed in place; true when it changed.
 */
export type JsonToolCallGuard = (doc: unknown, judge: Judge) => Promise<boolean>;

/** A shape's guard over its decoded document, asking the judge with calls numbered in order. */
const inOrder = (guard: (doc: JsonObject, ask: Ask) => Promise<boolean>): JsonToolCallGuard => async (doc, judge) => {
  if (!isObject(doc)) return false;
  const counter = { next: 0 };
  return guard(doc, (call) => judge({ ...call, index: counter.next++ }));
};

export const guardChatToolCalls = inOrder(guardChat);
export const guardAnthropicToolCalls = inOrder(guardAnthropic);
export const guardResponsesToolCalls = inOrder(guardResponses);

type Ask = (call: Omit<GatedCall, 'index'>) => ReturnType<Judge>;

const withId = (id: unknown, call: Omit<GatedCall, 'index' | 'id'>): Omit<GatedCall, 'index'> => (typeof id === 'string' ? { id, ...call } : call);

/** A refusal after the message's own text starts a new paragraph, as in the stream. */
function appendText(content: unknown, texts: string[]): unknown {
  if (Array.isArray(content)) return [...content, ...texts.map((text) => ({ type: 'text', text }))];
  const before = typeof content === 'string' && content !== '' ? [content] : [];
  return [...before, ...texts].join('\n\n');
}

async function guardChat(doc: JsonObject, ask: Ask): Promise<boolean> {
  if (!Array.isArray(doc.choices)) return false;
  let changed = false;
  for (const choice of doc.choices) {
    if (!isObject(choice) || !isObject(choice.message) || !Array.isArray(choice.message.tool_calls)) continue;
    const message = choice.message;
    const kept: unknown[] = [];
    const refusals: string[] = [];
    for (const tc of message.tool_calls as unknown[]) {
      if (!isObject(tc)) continue;
      const j = await ask(withId(tc.id, toolCallFields(tc)));
      if (j.release) kept.push(tc);
      else refusals.push(j.refusal);
    }
    if (refusals.length === 0) continue;
    changed = true;
    message.content = appendText(message.content, refusals);
    if (kept.length > 0) {
      message.tool_calls = kept;
    } else {
      // An empty `tool_calls` array is rejected when the client sends the message back.
      delete message.tool_calls;
      if (choice.finish_reason === 'tool_calls') choice.finish_reason = 'stop';
    }
  }
  return changed;
}

async function guardAnthropic(doc: JsonObject, ask: Ask): Promise<boolean> {
  if (!Array.isArray(doc.content)) return false;
  const content: unknown[] = doc.content;
  let changed = false;
  for (let i = 0; i < content.length; i++) {
    const block = content[i];
    if (!isObject(block) || block.type !== 'tool_use') continue;
    const name = typeof block.name === 'string' ? block.name : '';
    const j = await ask(withId(block.id, { name, arguments: JSON.stringify(block.input ?? {}) }));
    if (j.release) continue;
    content[i] = { type: 'text', text: j.refusal };
    changed = true;
  }
  if (changed && doc.stop_reason === 'tool_use' && !content.some((b) => isObject(b) && b.type === 'tool_use')) doc.stop_reason = 'end_turn';
  return changed;
}

async function guardResponses(doc: JsonObject, ask: Ask): Promise<boolean> {
  if (!Array.isArray(doc.output)) return false;
  const output: unknown[] = doc.output;
  let changed = false;
  for (let i = 0; i < output.length; i++) {
    const item = output[i];
    if (!isObject(item) || item.type !== 'function_call') continue;
    const name = typeof item.name === 'string' ? item.name : '';
    const args = typeof item.arguments === 'string' ? item.arguments : '';
    const j = await ask(withId(item.call_id ?? item.id, { name, arguments: args }));
    if (j.release) continue;
    output[i] = refusalMessageItem(item, j.refusal);
    changed = true;
  }
  if (changed && typeof doc.output_text === 'string') doc.output_text = outputText(output);
  return changed;
}
