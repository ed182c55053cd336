import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ApiShape } from '../../shared/shape.js';
import { GatewayError, isGatewayError } from '../../errors.js';
import type { SseTransform } from '../../stream/sse-event.js';
import { EventAlignedRelay } from '../../stream/event-boundary.js';
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

const ignore = () => undefined;
const toGateway = (err: unknown) => (isGatewayError(err) ? err : new GatewayError('GW_ERR_INTERNAL', undefined, { cause: err }));

/**
 * Relays an SSE stream event by event. Headers go out at once (the first byte never waits for the
 * first event), in the same write as the first event when it is already there. Upstream is paused while the client is not reading, so memory stays flat, and while
 * the transform waits (a tool call held for confirmation), so later events queue in order. A cap or
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
  relayBytes = false,
): BodySink {
  const transcoder = new SseTranscoder(transform, caps.eventBytes);
  const aligned = relayBytes ? new EventAlignedRelay() : undefined;
  const timer = setTimeout(() => flow.abort(new GatewayError('GW_ERR_STREAM_TOO_LONG')), caps.durationMs);
  let total = 0;
  let clientFull = false;
  let judging: Promise<void> | undefined;
  const resumeIfFree = () => {
    if (!clientFull && judging === undefined) flow.resume();
  };
  const onDrain = () => {
    clientFull = false;
    resumeIfFree();
  };
  // Headers go out with the first event when it came in the same read (one write, not two),
  // otherwise at the end of this turn: the client's first byte never waits for the first event.
  let wrote = false;
  res.writeHead(status, headers);
  setImmediate(() => {
    if (!wrote && !res.destroyed) res.flushHeaders();
  });

  const send = (text: string | Buffer) => {
    if (res.destroyed) return;
    wrote = true;
    result.bytesOut += typeof text === 'string' ? Buffer.byteLength(text) : text.length;
    if (!res.write(text) && !clientFull) {
      clientFull = true;
      flow.pause();
      res.once('drain', onDrain);
    }
  };
  const waitFor = (pending: Promise<void>) => {
    judging = pending;
    flow.pause();
    pending.then(
      () => {
        judging = undefined;
        resumeIfFree();
      },
      (err: unknown) => flow.abort(toGateway(err)),
    );
  };
  const finish = () => {
    clearTimeout(timer);
    res.removeListener('drain', onDrain);
  };
  return {
    data(chunk) {
      total += chunk.length;
      try {
        if (total > caps.totalBytes) throw new GatewayError('GW_ERR_STREAM_TOO_LARGE');
        transcoder.feed(chunk);
        if (aligned) {
          // The events are only observed; the client gets the upstream bytes untouched, event by event.
          transcoder.drain(ignore);
          const ready = aligned.push(chunk);
          if (ready) send(ready);
          return;
        }
        if (judging) return;
        const pending = transcoder.drain(send);
        if (pending) waitFor(pending);
      } catch (err) {
        flow.abort(toGateway(err));
      }
    },
    async end() {
      try {
        if (judging) await judging;
        await transcoder.finish(aligned ? ignore : send);
      } catch (err) {
        return this.error(toGateway(err));
      }
      const rest = aligned?.flush();
      if (rest) send(rest);
      finish();
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
