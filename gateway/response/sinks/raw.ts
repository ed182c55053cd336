import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { GatewayError } from '../../errors.js';
import type { BodySink, FlowControl } from '../../upstream/call.js';
import type { StreamCaps } from './sse.js';

/** Any other body (audio, files) streams through as bytes, with backpressure and the stream caps. */
export function rawSink(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  caps: StreamCaps,
  flow: FlowControl,
  result: { bytesOut: number; errorCode?: string },
): BodySink {
  const timer = setTimeout(() => flow.abort(new GatewayError('GW_ERR_STREAM_TOO_LONG')), caps.durationMs);
  const resume = () => flow.resume();
  res.writeHead(status, headers);
  return {
    data(chunk) {
      result.bytesOut += chunk.length;
      if (result.bytesOut > caps.totalBytes) return flow.abort(new GatewayError('GW_ERR_STREAM_TOO_LARGE'));
      if (!res.write(chunk)) {
        flow.pause();
        res.once('drain', resume);
      }
    },
    end() {
      clearTimeout(timer);
      res.end();
    },
    error(err) {
      clearTimeout(timer);
      result.errorCode = err.code;
      // Arbitrary bytes have no in-band error: cut the connection so the client sees a failure.
      res.destroy();
    },
  };
}
