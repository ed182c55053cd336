import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { createParser } from 'eventsource-parser';
import { GatewayError } from '../errors.js';
import type { SseEvent, SseTransform } from './sse-event.js';
import { serializeSse } from './sse-serialize.js';

export interface StreamCaps {
  /** Largest single event, in characters buffered by the parser. */
  eventBytes: number;
  /** Most decoded bytes in the whole stream. */
  totalBytes: number;
  /** Longest the stream may run. */
  durationMs: number;
}

export interface ByteSource extends AsyncIterable<Buffer> {
  destroy(error?: Error): unknown;
}

/**
 * Upstream SSE bytes → events → transform → client, one event at a time, with backpressure: while
 * the client is not reading we stop pulling from upstream, so memory stays flat. Events produced
 * from one upstream chunk are written together. Resolves when the upstream stream ended normally;
 * rejects with a GatewayError (cap, upstream failure) for the caller to turn into a terminal event.
 */
export async function pipeSse(
  source: ByteSource,
  sink: ServerResponse,
  transform: SseTransform,
  caps: StreamCaps,
  clientGone: AbortSignal,
  written: { bytes: number },
): Promise<void> {
  let out = '';
  let overflow = false;
  const emit = (events: SseEvent[]) => {
    for (const e of events) out += serializeSse(e);
  };
  const parser = createParser({
    maxBufferSize: caps.eventBytes,
    onEvent: (e) => emit(transform.push(e)),
    onComment: (c) => {
      out += `:${c}\n\n`;
    },
    onRetry: (retry) => {
      out += `retry: ${retry}\n\n`;
    },
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const decoder = new TextDecoder('utf-8');
  const timer = setTimeout(() => source.destroy(new GatewayError('GW_ERR_STREAM_TOO_LONG')), caps.durationMs);
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > caps.totalBytes) throw new GatewayError('GW_ERR_STREAM_TOO_LARGE');
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (overflow) throw new GatewayError('GW_ERR_STREAM_EVENT_TOO_LARGE');
      if (out.length > 0) await write(sink, out, clientGone, written);
      out = '';
    }
    parser.feed(decoder.decode());
    // A last event without its blank line still counts, as browsers' EventSource would not do but SDKs do.
    parser.reset({ consume: true });
    emit(transform.end());
    if (out.length > 0) await write(sink, out, clientGone, written);
  } finally {
    clearTimeout(timer);
  }
}

async function write(sink: ServerResponse, text: string, clientGone: AbortSignal, written: { bytes: number }): Promise<void> {
  written.bytes += Buffer.byteLength(text);
  if (sink.write(text)) return;
  await once(sink, 'drain', { signal: clientGone });
}
