import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { GatewayError } from '../errors.js';
import { parseContentEncoding } from '../shared/content-coding.js';
import { decodeBody, type DecodeLimits } from './decode.js';
import { checkJsonLimits, type JsonLimits } from './json-limits.js';
import { fromParseResult, movable, type ParseResult, type ParseTask } from './json-tasks.js';

/** A JSON request body: the exact bytes received (forwarded as-is when nothing changes) and the value. */
export interface JsonBody {
  readonly kind: 'json';
  readonly raw: Buffer;
  readonly json: unknown;
}

/** Any other body (multipart, audio, text) on a passthrough route, held whole under the body limit. */
export interface RawBody {
  readonly kind: 'raw';
  readonly raw: Buffer;
  readonly contentType: string | undefined;
}

export type RequestBody = JsonBody | RawBody;

export function parseJsonBody(raw: Buffer, limits: JsonLimits): JsonBody {
  const { suspectKeys } = checkJsonLimits(raw, limits);
  const text = raw.toString('utf8');
  try {
    // Only a body with a key that could spell __proto__ or constructor needs secure-json-parse.
    if (!suspectKeys) return { kind: 'json', raw, json: JSON.parse(text) as unknown };
    return { kind: 'json', raw, json: sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }) };
  } catch {
    // Only on the error path: valid JSON that sjson refused is prototype poisoning.
    throw new GatewayError(isValidJson(text) ? 'GW_ERR_BODY_FORBIDDEN_KEY' : 'GW_ERR_BODY_INVALID_JSON');
  }
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A worker pool a large body's parse and re-serialisation can move to (the scan engine's). */
export interface JsonOffload {
  offloads(size: number): boolean;
  runTask<T, R>(name: string, task: T, transfer?: ArrayBuffer[]): Promise<R>;
}

/**
 * parseJsonBody, on a scan worker when the body is large: the limits pass, decode and parse of a
 * megabyte hold the loop for several milliseconds, the structured clone back a fraction of that.
 * Same value, same refusals; a worker that fails is GW_ERR_SCAN_FAILED (nothing is forwarded).
 */
export async function parseJsonBodyOffloaded(raw: Buffer, limits: JsonLimits, pool: JsonOffload | undefined): Promise<JsonBody> {
  if (!pool?.offloads(raw.length)) return parseJsonBody(raw, limits);
  // Bytes that own their memory are moved there and back; `raw` itself is empty meanwhile, and the
  // body's bytes are the ones that come back.
  const moved = movable(raw);
  const task: ParseTask = { raw, limits, moved };
  return fromParseResult(raw, await pool.runTask<ParseTask, ParseResult>('parseJsonTask', task, moved ? [raw.buffer as ArrayBuffer] : undefined));
}

/** A changed body's bytes to send upstream: serialised on a scan worker when the body is large. */
export async function stringifyJsonBody(json: unknown, size: number, pool: JsonOffload | undefined): Promise<Buffer> {
  if (!pool?.offloads(size)) return Buffer.from(JSON.stringify(json));
  const bytes = await pool.runTask<unknown, Uint8Array>('stringifyJsonTask', json);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The body as sent, decoded when it came compressed. */
function decoded(req: FastifyRequest, raw: Buffer, limits: DecodeLimits): Buffer | Promise<Buffer> {
  const codings = parseContentEncoding(req.headers['content-encoding'] as string | undefined);
  // Checked already on proxy routes; a body on any other route is refused here, the same way.
  if ('unsupported' in codings) throw new GatewayError('GW_ERR_BODY_ENCODING_UNSUPPORTED', codings.unsupported);
  return codings.length === 0 ? raw : decodeBody(raw, codings, limits);
}

/**
 * Replaces Fastify's parsers: JSON is kept as bytes plus value, everything else as bytes, both
 * decoded first when compressed (so what is scanned is what the provider would read, and it goes
 * upstream uncompressed). Which routes accept which media type is decided earlier, in onRequest,
 * before any byte is read.
 */
export function registerBodyParsers(app: FastifyInstance, bodyLimit: number, limits: JsonLimits, decode: DecodeLimits, pool?: JsonOffload): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, async (req: FastifyRequest, raw: Buffer) =>
    parseJsonBodyOffloaded(await decoded(req, raw, decode), limits, pool));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, async (req: FastifyRequest, raw: Buffer): Promise<RawBody> =>
    ({ kind: 'raw', raw: await decoded(req, raw, decode), contentType: req.headers['content-type'] }));
}
