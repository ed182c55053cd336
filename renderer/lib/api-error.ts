/**
 * An admin API failure as the dashboard shows it. The server names the offending field in its
 * message (`body field 'name': …`, `invalid config field 'limits.bodyBytes': …`); `field` is that
 * name in dot form (`scan.denyTerms.0.pattern`), so a form can put the message under the input.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const QUOTED_FIELD = /field '([^']+)'/;
// Cross-field config errors arrive as `field 'scan': denyTerms[2]: invalid regex …`.
const NESTED_INDEX = /^\s*:?\s*([A-Za-z]+)\[(\d+)\]/;

/** The field an admin error message names, in dot form, or undefined. */
export function fieldOf(message: string): string | undefined {
  const m = QUOTED_FIELD.exec(message);
  if (!m || m[1] === '(root)') return undefined;
  let field = m[1].replace(/\[(\d+)\]/g, '.$1').replaceAll('/', '.');
  const rest = NESTED_INDEX.exec(message.slice(m.index + m[0].length));
  if (rest) field += `.${rest[1]}.${rest[2]}`;
  return field;
}

/** The message without the server's "Invalid configuration:"-style prefix and the field name. */
export function problemOf(message: string): string {
  const m = QUOTED_FIELD.exec(message);
  const tail = m ? message.slice(m.index + m[0].length).replace(/^\s*:\s*/, '') : message;
  return tail.replace(/^[A-Za-z]+\[\d+\]:\s*/, '').trim() || message;
}

interface ErrorBody {
  error?: { message?: unknown; code?: unknown };
}

/** Builds an ApiError from a failed response's status and (possibly unparsable) body text. */
export function apiErrorFrom(status: number, bodyText: string): ApiError {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(bodyText) as ErrorBody;
  } catch {
    // A proxy or a crash page: keep the status, say what we can.
  }
  const message = typeof body.error?.message === 'string' ? body.error.message : `HTTP ${status}`;
  const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP_${status}`;
  return new ApiError(status, code, message, fieldOf(message));
}
