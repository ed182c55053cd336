import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ApiFamily } from '../../shared/shape.js';
import { GatewayError, isGatewayError } from '../../errors.js';
import type { JsonBodyOut } from '../../stream/response-rewrite.js';
import type { BodySink, FlowControl } from '../../upstream/call.js';
import { byteLength, writeWhole } from '../large-body.js';
import { writeError } from '../respond.js';

/**
 * Reads a JSON body whole (under a cap) so it can be rewritten, then answers with its length.
 * Failures before anything was written become a proper provider-shaped error.
 */
export function jsonSink(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  provider: ApiFamily,
  limit: number,
  rewrite: (body: Buffer, status: number) => JsonBodyOut | Promise<JsonBodyOut>,
  flow: FlowControl,
  result: { bytesOut: number; errorCode?: string },
): BodySink {
  const chunks: Buffer[] = [];
  let total = 0;
  const sink: BodySink = {
    data(chunk) {
      total += chunk.length;
      if (total > limit) flow.abort(new GatewayError('GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE'));
      else chunks.push(chunk);
    },
    async end() {
      const whole = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
      let out: JsonBodyOut;
      try {
        out = await rewrite(whole, status);
      } catch (err) {
        return sink.error(isGatewayError(err) ? err : new GatewayError('GW_ERR_INTERNAL', undefined, { cause: err }));
      }
      if (res.destroyed) return;
      // Counted before the write: a large body goes out in pieces, and the client may leave midway.
      result.bytesOut = byteLength(out);
      const writing = writeWhole(res, status, headers, out, result.bytesOut);
      if (writing) await writing;
    },
    error(err) {
      result.errorCode = err.code;
      if (res.destroyed || res.writableEnded) return;
      if (res.headersSent) res.destroy();
      else writeError(res, provider, err);
    },
  };
  return sink;
}
