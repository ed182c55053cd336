import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { GatewayError } from '../errors.js';

/**
 * We ask upstream for identity, but a provider or middlebox may compress anyway. Bodies must be
 * readable for restoration, so decode here; callers count the decoded bytes against their caps,
 * which also bounds decompression bombs.
 */
export function decodedBody(body: Readable, contentEncoding: string | string[] | undefined): Readable {
  const enc = (Array.isArray(contentEncoding) ? contentEncoding.join(',') : (contentEncoding ?? '')).trim().toLowerCase();
  if (enc === '' || enc === 'identity') return body;
  const decoder = enc === 'gzip' || enc === 'x-gzip' ? createGunzip() : enc === 'deflate' ? createInflate() : enc === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) {
    body.destroy();
    throw new GatewayError('GW_ERR_UPSTREAM_BAD_RESPONSE', `unsupported content-encoding ${enc}`, { exposeDetail: true });
  }
  body.on('error', (err) => decoder.destroy(err));
  decoder.on('close', () => body.destroy());
  return body.pipe(decoder);
}
