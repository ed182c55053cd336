import { move, transferableSymbol, valueSymbol } from 'piscina';
import { ERRORS, GatewayError, isGatewayError, type ErrorCode } from '../errors.js';
import { parseJsonBody, type JsonBody } from './parse.js';
import type { JsonLimits } from './json-limits.js';

/**
 * A large JSON body to parse on a scan worker: the bytes and the limits. `moved`: the bytes' memory
 * was moved to the worker rather than copied (see movable), and comes back with the value.
 */
export interface ParseTask {
  raw: Uint8Array;
  limits: JsonLimits;
  moved?: boolean;
}

/**
 * The parsed value (with the bytes, when they were moved), or the refusal the parser would have
 * thrown (errors lose their class across threads).
 */
export type ParseResult = { json: unknown; raw?: Uint8Array } | { code: ErrorCode; detail: string | undefined };

/**
 * Whether the bytes own all of their memory, so it can be moved to a worker and back instead of
 * copied each way: a megabyte copied is a megabyte of fresh pages the event loop faults in. A view
 * of a shared pool (small buffers, a slice) is copied: moving it would take the memory from the others.
 */
export const movable = (raw: Uint8Array): boolean => raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength && raw.buffer instanceof ArrayBuffer;

/**
 * Worker-thread entry (exported by the scan worker): the limits pass, UTF-8 decode and JSON.parse
 * of a body large enough that they would hold the event loop for milliseconds. The value comes back
 * by structured clone, which for a body of long strings costs the loop a fraction of a parse.
 */
export function parseJsonTask(task: ParseTask): ParseResult | ReturnType<typeof move> {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  try {
    const json = parseJsonBody(raw, task.limits).json;
    if (!task.moved) return { json };
    // The bytes go back the way they came: moved, with the value.
    return move({ [transferableSymbol]: [task.raw.buffer], [valueSymbol]: { json, raw: task.raw } });
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    const prefix = `${ERRORS[err.code].message}: `;
    return { code: err.code, detail: err.message.startsWith(prefix) ? err.message.slice(prefix.length) : undefined };
  }
}

/** The parser's answer from a worker's result: the same body, or the same error, as parsing here. */
export function fromParseResult(raw: Buffer, result: ParseResult): JsonBody {
  if ('json' in result) return { kind: 'json', raw: result.raw ? Buffer.from(result.raw.buffer, result.raw.byteOffset, result.raw.byteLength) : raw, json: result.json };
  throw new GatewayError(result.code, result.detail);
}

/**
 * Worker-thread entry: a large redacted body serialised and UTF-8 encoded off the event loop. The
 * value travels by structured clone and the bytes come back moved, not copied (when they own their
 * memory, as a large encode's do): the loop pays for the clone out and nothing more.
 */
export function stringifyJsonTask(value: unknown): Uint8Array | ReturnType<typeof move> {
  const bytes = Buffer.from(JSON.stringify(value));
  return movable(bytes) ? move(bytes) : bytes;
}
