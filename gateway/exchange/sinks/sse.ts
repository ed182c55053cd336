import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ApiShape } from '../../adapters/shape.js';
import { GatewayError, isGatewayError } from '../../errors.js';
import type { SseTransform } from '../../stream/sse-event.js';
import { serializeSse } from '../../stream/sse-serialize.js';
import { SseTranscoder } from '../../stream/sse-transcoder.js';
import { terminalErrorEvent } from '../../stream/terminal.js';
import type { BodySink, FlowControl } from '../../upstream/call.js';

export interface StreamCaps {
  /** Largest single event, in characters buffered by the parser. */
  eventBytes: number;
  /** Most decoded bytes in the whole stream. */
  totalBytes: number;
  /** Longest the stream may run. */
  durationMs: number;
}

/**
 * Relays an SSE stream event by event. Headers go out at once (the first byte never waits for the
 * first event). While the client is not reading, upstream is paused, so memory stays flat. A cap or
 * an upstream failure ends the stream with a terminal error event in the provider's shape.
 */
export function sseSink(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  shape: ApiShape,
  transform: SseTransform,
  caps: StreamCaps,
  flow: FlowControl,
  result: { bytesOut: number; errorCode?: string },
): BodySink {
  const transcoder = new SseTranscoder(transform, caps.eventBytes);
  const timer = setTimeout(() => flow.abort(new GatewayError('GW_ERR_STREAM_TOO_LONG')), caps.durationMs);
  const resume = () => flow.resume();
  let total = 0;
  res.writeHead(status, headers);
  res.flushHeaders();

  const send = (text: string) => {
    if (text.length === 0 || res.destroyed) return;
    result.bytesOut += Buffer.byteLength(text);
    if (!res.write(text)) {
      flow.pause();
      res.once('drain', resume);
    }
  };
  const finish = () => {
    clearTimeout(timer);
    res.removeListener('drain', resume);
  };
  return {
    data(chunk) {
      total += chunk.length;
      try {
        if (total > caps.totalBytes) throw new GatewayError('GW_ERR_STREAM_TOO_LARGE');
        send(transcoder.push(chunk));
      } catch (err) {
        flow.abort(isGatewayError(err) ? err : new GatewayError('GW_ERR_INTERNAL', undefined, { cause: err }));
      }
    },
    end() {
      finish();
      send(transcoder.end());
      res.end();
    },
    error(err) {
      finish();
      result.errorCode = err.code;
      if (res.destroyed || res.writableEnded) return;
      send(serializeSse(terminalErrorEvent(shape, err)));
      res.end();
    },
  };
}
