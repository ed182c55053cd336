import { isObject, str, type Obj } from './json.js';
import { anthropicErrorType, openaiError, type ClientShape } from './tables.js';

/** The `error` object of either provider's error body (OpenAI `{error}`, Anthropic `{type:"error",error}`). */
const errorOf = (body: unknown): Obj => (isObject(body) && isObject(body.error) ? body.error : {});

/** A message for a body that says nothing useful (an HTML page from a proxy, an empty object). */
const fallback = (status: number) => `Upstream answered with status ${status}`;

/**
 * An upstream error body → the client's error shape. The status is kept by the caller; the type is
 * read from the status (OpenAI's types are loose) going to Anthropic, and from Anthropic's type
 * going to OpenAI. A gateway code (`GW_ERR_…`) or a provider's code is kept.
 */
export function translateErrorBody(to: ClientShape, status: number, body: unknown): Obj {
  const err = errorOf(body);
  const message = str(err.message) ?? (typeof body === 'string' && body !== '' ? body : fallback(status));
  const code = str(err.code);
  if (to === 'anthropic-messages') {
    const error: Obj = { type: anthropicErrorType(status), message };
    if (code !== undefined) error.code = code;
    return { type: 'error', error };
  }
  const mapped = openaiError(str(err.type), status);
  return { error: { message, type: mapped.type, param: null, code: code ?? mapped.code } };
}
