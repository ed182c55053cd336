import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';
import { GatewayError } from '../errors.js';
import type { BodySink, FlowControl } from './call.js';
import { mapUpstreamError } from './errors.js';

function decoderFor(encoding: string): Gunzip | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

export function contentEncoding(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().toLowerCase();
}

/**
 * We ask upstream for identity, but a provider or middlebox may compress anyway. Bodies must be
 * readable for restoration, so decode before the sink; sinks count decoded bytes against their
 * caps, which also bounds decompression bombs.
 */
export function decodingSink(encoding: string, inner: BodySink, flow: FlowControl): BodySink {
  const z = decoderFor(encoding);
  if (!z) {
    const err = new GatewayError('GW_ERR_UPSTREAM_BAD_RESPONSE', `unsupported content-encoding ${encoding}`, { exposeDetail: true });
    flow.abort(err);
    return inner;
  }
  let failed = false;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const settle = (r: void | Promise<void>) => void Promise.resolve(r).then(finished, finished);
  z.on('data', (chunk: Buffer) => inner.data(chunk));
  z.once('end', () => settle(inner.end()));
  z.once('error', (err) => {
    failed = true;
    flow.abort(mapUpstreamError(err));
    settle(inner.error(mapUpstreamError(err)));
  });
  return {
    data(chunk) {
      if (!z.write(chunk)) {
        flow.pause();
        z.once('drain', () => flow.resume());
      }
    },
    end() {
      z.end();
      return done;
    },
    error(err) {
      if (failed) return done;
      failed = true;
      z.destroy();
      return inner.error(err);
    },
  };
}
