import { ERRORS, GatewayError, isGatewayError, type ErrorCode } from '../errors.js';
import { parseJsonBody, type JsonBody } from './parse.js';
import type { JsonLimits } from './json-limits.js';

/** A large JSON body to parse on a scan worker: the bytes (copied to the worker) and the limits. */
export interface ParseTask {
  raw: Uint8Array;
  limits: JsonLimits;
}

/** The parsed value, or the refusal the parser would have thrown (errors lose their class across threads). */
export type ParseResult = { json: unknown } | { code: ErrorCode; detail: string | undefined };

/**
 * Worker-thread entry (exported by the scan worker): the limits pass, UTF-8 decode and JSON.parse
 * of a body large enough that they would hold the event loop for milliseconds. The value comes back
 * by structured clone, which for a body of long strings costs the loop a fraction of a parse.
 */
export function parseJsonTask(task: ParseTask): ParseResult {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  try {
    return { json: parseJsonBody(raw, task.limits).json };
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    const prefix = `${ERRORS[err.code].message}: `;
    return { code: err.code, detail: err.message.startsWith(prefix) ? err.message.slice(prefix.length) : undefined };
  }
}

/** The parser's answer from a worker's result: the same body, or the same error, as parsing here. */
export function fromParseResult(raw: Buffer, result: ParseResult): JsonBody {
  if ('json' in result) return { kind: 'json', raw, json: result.json };
  throw new GatewayError(result.code, result.detail);
}
