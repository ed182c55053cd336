import { isObject, type JsonObject } from '../restore/fields.js';

/**
 * Name and arguments of an OpenAI chat tool call (a whole one, or one streamed delta of it): a
 * `function` call's JSON arguments, or a `custom` tool's free-form input, which the guards read as
 * one opaque string.
 */
export function toolCallFields(tc: JsonObject): { name: string; arguments: string } {
  const body = isObject(tc.function) ? tc.function : isObject(tc.custom) ? tc.custom : undefined;
  const args = body?.arguments ?? body?.input;
  return { name: typeof body?.name === 'string' ? body.name : '', arguments: typeof args === 'string' ? args : '' };
}
