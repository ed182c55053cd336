import type { ApiShape } from '../../shared/shape.js';
import { restoreAnthropicMessage } from './anthropic-block.js';
import { restoreChatMessage } from './chat-message.js';
import { isObject, restoreEach, restoreValues } from './fields.js';
import { restoreText, type Lookup } from './restore-text.js';
import { restoreResponse } from './responses-item.js';
import { restoreTextInSlices, SLICED_RESTORE_CHARS } from './sliced.js';

/** A token needs `[[`; `\u005b` covers an encoder that escapes brackets. */
const MAY_HOLD_TOKEN = /\[\[|\\u005[bB]/;
const ESCAPED_BRACKET = /\\u005[bBdD]/;

/**
 * Restore a whole non-streamed JSON response body of `shape`. Returns `body` itself (same bytes) when
 * it holds no token, is not JSON, or nothing in it changed.
 */
export function restoreJsonResponse(shape: ApiShape, body: string, lookup: Lookup): string;
/** With `sliced`: a large body in the raw-text case is restored in slices (see sliced.ts). */
export function restoreJsonResponse(shape: ApiShape, body: string, lookup: Lookup, sliced: true): string | Promise<string>;
export function restoreJsonResponse(shape: ApiShape, body: string, lookup: Lookup, sliced = false): string | Promise<string> {
  if (!MAY_HOLD_TOKEN.test(body)) return body;
  // Every string in the raw body sits at one level of JSON escaping, except tool-call `arguments`
  // (JSON text inside a JSON string) and bracket-escaping encoders: without those, the placeholders
  // are replaced in the raw text with JSON-escaped values, with no parse and no re-serialisation.
  if (!ESCAPED_BRACKET.test(body) && !body.includes('"arguments"')) {
    return sliced && body.length >= SLICED_RESTORE_CHARS ? restoreTextInSlices(body, lookup, true) : restoreText(body, lookup, true);
  }
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
