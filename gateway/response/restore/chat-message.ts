import { isObject, restoreEach, restoreField, type JsonObject } from './fields.js';
import type { Lookup } from './restore-text.js';

/** Text fields of an OpenAI chat message or stream delta (reasoning fields are provider extensions). */
export const CHAT_TEXT_FIELDS = ['content', 'refusal', 'reasoning_content', 'reasoning'] as const;

/** One whole OpenAI chat `message` (non-streamed choice), in place. */
export function restoreChatMessage(message: JsonObject, lookup: Lookup): boolean {
  let changed = false;
  for (const field of CHAT_TEXT_FIELDS) if (restoreField(message, field, lookup)) changed = true;
  const part = (p: JsonObject) => (p.type === 'refusal' ? restoreField(p, 'refusal', lookup) : restoreField(p, 'text', lookup));
  if (restoreEach(message.content, part)) changed = true;
  if (restoreEach(message.tool_calls, (tc) => isObject(tc.function) && restoreField(tc.function, 'arguments', lookup, true))) changed = true;
  if (isObject(message.function_call) && restoreField(message.function_call, 'arguments', lookup, true)) changed = true;
  return changed;
}
