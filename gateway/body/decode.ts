import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { GatewayError } from '../errors.js';
import type { Coding } from '../shared/content-coding.js';

export interface DecodeLimits {
  /** The most bytes a compressed body may decode to. */
  decodedBytes: number;
  /** The most a body may expand (decoded ÷ compressed), once it decodes past RATIO_FLOOR_BYTES. */
  ratio: number;
}

/** Below this many decoded bytes the ratio is not checked: tiny JSON bodies compress far better than 100:1. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

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
