import { isObject, type JsonObject } from '../restore/fields.js';

/**
 * The assistant `message` output item that stands in for a refused `function_call` item of an OpenAI
 * Responses output, and the snapshot fix-ups that keep `output` and `output_text` consistent with it.
 */
export const refusalPart = (text: string): JsonObject => ({ type: 'output_text', text, annotations: [], logprobs: [] });

/** `fc_abc` → `msg_abc`: a stable id of the right kind, unique as long as the call's id was. */
export function refusalItemId(functionCall: JsonObject): string {
  const id = typeof functionCall.id === 'string' ? functionCall.id : '';
  return `msg_${id.startsWith('fc_') ? id.slice(3) : id}`;
}

export function refusalMessageItem(functionCall: JsonObject, text: string, status = 'completed'): JsonObject {
  return { id: refusalItemId(functionCall), type: 'message', status, role: 'assistant', content: status === 'in_progress' ? [] : [refusalPart(text)] };
}

/** The SDKs' `output_text`: every `output_text` part of every message item, joined. */
export function outputText(output: unknown[]): string {
  let text = '';
  for (const item of output) {
    if (!isObject(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (isObject(part) && part.type === 'output_text' && typeof part.text === 'string') text += part.text;
  }
  return text;
}

/**
 * Replace the refused calls (by item id) in a Response object's `output`, in place, and recompute
 * `output_text` when the object carries it. Whether anything changed.
 */
export function patchResponseOutput(response: unknown, replacements: ReadonlyMap<string, JsonObject>): boolean {
  if (!isObject(response) || !Array.isArray(response.output) || replacements.size === 0) return false;
  const output = response.output;
  let changed = false;
  output.forEach((item: unknown, i) => {
    const replacement = isObject(item) && item.type === 'function_call' ? replacements.get(String(item.id)) : undefined;
    if (replacement === undefined) return;
    output[i] = replacement;
    changed = true;
  });
  if (changed && typeof response.output_text === 'string') response.output_text = outputText(output);
  return changed;
}
