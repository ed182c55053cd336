import type { ApiShape } from '../adapters/shape.js';
import { restoreAnthropicMessage } from './anthropic-block.js';
import { restoreChatMessage } from './chat-message.js';
import { isObject, restoreEach, restoreValues } from './fields.js';
import type { Lookup } from './restore-text.js';
import { restoreResponse } from './responses-item.js';

/** A token needs `[[`; `\u005b` covers an encoder that escapes brackets. */
const MAY_HOLD_TOKEN = /\[\[|\\u005[bB]/;

/**
 * Restore a whole non-streamed JSON response body of `shape`. Returns `body` itself (same bytes) when
 * it holds no token, is not JSON, or nothing in it changed.
 */
export function restoreJsonResponse(shape: ApiShape, body: string, lookup: Lookup): string {
  if (!MAY_HOLD_TOKEN.test(body)) return body;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return body;
  }
  if (shape === 'passthrough') {
    const out = restoreValues(doc, lookup);
    return out === doc ? body : JSON.stringify(out);
  }
  return restoreDocument(shape, doc, lookup) ? JSON.stringify(doc) : body;
}

/** Restore a decoded response document of a known shape in place; whether it changed. */
export function restoreDocument(shape: Exclude<ApiShape, 'passthrough'>, doc: unknown, lookup: Lookup): boolean {
  if (!isObject(doc)) return false;
  switch (shape) {
    case 'openai-chat':
      return restoreEach(doc.choices, (choice) => isObject(choice.message) && restoreChatMessage(choice.message, lookup));
    case 'openai-responses':
      return restoreResponse(doc, lookup);
    case 'anthropic-messages':
      return restoreAnthropicMessage(doc, lookup);
  }
}
