import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ApiFamily } from '../../shared/shape.js';
import { GatewayError, isGatewayError } from '../../errors.js';
import type { JsonBodyOut } from '../../stream/response-rewrite.js';
import type { BodySink, FlowControl } from '../../upstream/call.js';
import { byteLength, LARGE_BODY, writeWhole } from '../large-body.js';
import { writeError } from '../respond.js';

/** A large body of announced length is gathered into one buffer as it arrives, up to this size. */
const GATHER_UP_TO = 16 * 1024 * 1024;

/**
 * Reads a JSON body whole (under a cap) so it can be rewritten, then answers with its length.
 * Failures before anything was written become a proper provider-shaped error. `announced`: the
 * upstream's content-length, when the body comes as sent (not compressed). A large body of that
 * length is copied into one buffer chunk by chunk as it arrives, so its fresh memory is touched a
 * chunk at a time rather than in one megabyte copy when it ends (issue 16); a body that turns out
 * longer than announced goes on as a list of chunks, one shorter is cut to what came.
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
  announced?: number,
): BodySink {
  const chunks: Buffer[] = [];
  let total = 0;
  let gathered = announced !== undefined && announced >= LARGE_BODY && announced <= Math.min(limit, GATHER_UP_TO) ? Buffer.allocUnsafeSlow(announced) : undefined;
  const sink: BodySink = {
    data(chunk) {
      const at = total;
      total += chunk.length;
      if (total > limit) flow.abort(new GatewayError('GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE'));
      else if (gathered && total <= gathered.length) chunk.copy(gathered, at);
      else {
        // More than announced: what was gathered becomes the first chunk of a list.
        if (gathered) chunks.push(gathered.subarray(0, at));
        gathered = undefined;
        chunks.push(chunk);
      }
    },
    async end() {
      // Only the bytes that came are ever read: the rest of an unsafe allocation is never exposed.
      const whole = gathered ? gathered.subarray(0, total) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
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
