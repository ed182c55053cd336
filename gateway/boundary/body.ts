import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { GatewayError } from '../errors.js';
import { checkJsonLimits, type JsonLimits } from './json-limits.js';

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

/**
 * Replaces Fastify's parsers: JSON is kept as bytes plus value, everything else as bytes. Which
 * routes accept which media type is decided earlier, in onRequest, before any byte is read.
 */
export function registerBodyParsers(app: FastifyInstance, bodyLimit: number, limits: JsonLimits): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_req, raw, done) => {
    try {
      done(null, parseJsonBody(raw as Buffer, limits));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (req, raw, done) => {
    done(null, { kind: 'raw', raw: raw as Buffer, contentType: req.headers['content-type'] } satisfies RawBody);
  });
}
