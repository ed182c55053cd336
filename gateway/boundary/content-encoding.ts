import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { GatewayError } from '../errors.js';

/** The request body codings the gateway reads (RFC 9110 §8.4.1); `x-gzip` is gzip's old name. */
export type Coding = 'gzip' | 'deflate' | 'br';

export interface DecodeLimits {
  /** The most bytes a compressed body may decode to. */
  decodedBytes: number;
  /** The most a body may expand (decoded ÷ compressed), once it decodes past RATIO_FLOOR_BYTES. */
  ratio: number;
}

/** Below this many decoded bytes the ratio is not checked: tiny JSON bodies compress far better than 100:1. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** More codings stacked than any client sends: a body coded over and over is an attack, not a client. */
const MAX_CODINGS = 2;

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/**
 * The codings a `Content-Encoding` header lists, in the order they were applied, or a 415 when one is
 * unknown (zstd among them: Node 20's zlib cannot read it). `identity` is no coding at all.
 */
export function parseContentEncoding(header: string | undefined): Coding[] {
  if (header === undefined) return [];
  const out: Coding[] = [];
  for (const token of header.split(',')) {
    const name = token.trim().toLowerCase();
    if (name === '' || name === 'identity') continue;
    if (name === 'gzip' || name === 'x-gzip') out.push('gzip');
    else if (name === 'deflate' || name === 'br') out.push(name);
    else throw new GatewayError('GW_ERR_BODY_ENCODING_UNSUPPORTED', `Content-Encoding ${JSON.stringify(name.slice(0, 40))}; accepted: gzip, deflate, br`);
  }
  if (out.length > MAX_CODINGS) throw new GatewayError('GW_ERR_BODY_ENCODING_UNSUPPORTED', `more than ${MAX_CODINGS} stacked codings`);
  return out;
}

const isTooLarge = (err: unknown) => (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';

async function decodeOnce(coding: Coding, input: Buffer, maxOutputLength: number): Promise<Buffer> {
  const opts = { maxOutputLength };
  if (coding === 'gzip') return gunzip(input, opts);
  if (coding === 'br') return brotli(input, opts);
  // "deflate" means zlib-wrapped (RFC 9110), but some clients send the raw stream: accept both.
  try {
    return await inflate(input, opts);
  } catch (err) {
    if (isTooLarge(err)) throw err;
    return inflateRaw(input, opts);
  }
}

/**
 * Decodes a request body off the event loop (zlib's thread pool), stopping as soon as the output
 * would pass the cap: a decompression bomb costs at most `decodedBytes` of memory and gets a 413.
 */
export async function decodeBody(raw: Buffer, codings: readonly Coding[], limits: DecodeLimits): Promise<Buffer> {
  let body = raw;
  const cap = Math.min(limits.decodedBytes, Math.max(RATIO_FLOOR_BYTES, raw.length * limits.ratio));
  for (let i = codings.length - 1; i >= 0; i--) {
    try {
      body = await decodeOnce(codings[i]!, body, cap);
    } catch (err) {
      if (isTooLarge(err)) {
        throw new GatewayError('GW_ERR_BODY_DECOMPRESSION_LIMIT', `decodes to more than ${cap} bytes (limits.decodedBodyBytes ${limits.decodedBytes}, limits.decodedBodyRatio ${limits.ratio})`);
      }
      throw new GatewayError('GW_ERR_BODY_ENCODING_INVALID', `not valid ${codings[i]} data`);
    }
  }
  return body;
}
