import { isObject, restoreEach, restoreField, type JsonObject } from './fields.js';
import type { Lookup } from './restore-text.js';

/** One content or summary part of a Responses item, in place. */
export function restoreResponsesPart(part: JsonObject, lookup: Lookup): boolean {
  switch (part.type) {
    case 'output_text':
    case 'reasoning_text':
    case 'summary_text':
      return restoreField(part, 'text', lookup);
    case 'refusal':
      return restoreField(part, 'refusal', lookup);
    default:
      return false;
  }
}

/** One Responses output item, in place. Ids, call ids, names and encrypted content are never touched. */
export function restoreResponsesItem(item: JsonObject, lookup: Lookup): boolean {
  const part = (p: JsonObject) => restoreResponsesPart(p, lookup);
  switch (item.type) {
    case 'message':
      return restoreEach(item.content, part);
    case 'function_call':
      return restoreField(item, 'arguments', lookup, true);
    case 'mcp_call': {
      const args = restoreField(item, 'arguments', lookup, true);
      return restoreField(item, 'output', lookup) || args;
    }
    case 'custom_tool_call':
      return restoreField(item, 'input', lookup);
    case 'reasoning': {
      const summary = restoreEach(item.summary, part);
      return restoreEach(item.content, part) || summary;
    }
    default:
      return false;
  }
}

/** A whole Response object (JSON response, or the snapshot in `response.completed` and friends). */
export function restoreResponse(response: unknown, lookup: Lookup): boolean {
  if (!isObject(response)) return false;
  const output = restoreEach(response.output, (item) => restoreResponsesItem(item, lookup));
  return restoreField(response, 'output_text', lookup) || output;
}
