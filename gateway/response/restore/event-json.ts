import { isObject, type JsonObject } from './fields.js';
import type { SseEvent } from '../../stream/sse-event.js';

/**
 * Whether an event's raw data could touch restoration: a token needs `[[`, a text ending in `[`
 * (the start of one) shows as `["`, and `\u005b` covers an encoder that escapes brackets. Events
 * failing this (nearly all) pass through without JSON.parse while nothing is held.
 */
const MAY_NEED_RESTORE = /\[\[|\["|\\u005[bB]/;
export const mayNeedRestore = (data: string): boolean => MAY_NEED_RESTORE.test(data);

/** The event's data as a JSON object, or undefined (not JSON, or not an object: left alone). */
export function parseObject(data: string): JsonObject | undefined {
  try {
    const v: unknown = JSON.parse(data);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export const withData = (ev: SseEvent, obj: JsonObject): SseEvent => ({ ...ev, data: JSON.stringify(obj) });
