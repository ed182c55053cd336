import { createParser, type EventSourceParser } from 'eventsource-parser';
import { GatewayError } from '../errors.js';
import type { SseEvent, SseTransform } from './sse-event.js';
import { serializeSse } from './sse-serialize.js';

/**
 * Upstream SSE bytes → events (eventsource-parser) → transform → client-bound text. Push-based and
 * free of I/O so any chunking can be property-tested; the sink owns sockets, backpressure and caps.
 * Multi-byte UTF-8 split across chunks is kept whole by a streaming TextDecoder.
 */
export class SseTranscoder {
  readonly #parser: EventSourceParser;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #transform: SseTransform;
  #out = '';
  #overflow = false;

  constructor(transform: SseTransform, maxEventChars: number) {
    this.#transform = transform;
    this.#parser = createParser({
      // The parser's cap only counts what stays buffered between feeds; an event that arrives
      // whole within one chunk is checked on its own below.
      maxBufferSize: maxEventChars,
      onEvent: (e) => {
        if (e.data.length > maxEventChars) this.#overflow = true;
        else if (!this.#overflow) this.#emit(transform.push(e));
      },
      // Comments are keep-alives; relaying them keeps clients' idle timers from firing.
      onComment: (c) => {
        this.#out += `:${c}\n\n`;
      },
      onRetry: (retry) => {
        this.#out += `retry: ${retry}\n\n`;
      },
      onError: (err) => {
        if (err.type === 'max-buffer-size-exceeded') this.#overflow = true;
      },
    });
  }

  /** Feeds upstream bytes; returns the text to send now (often ''). Throws on an oversized event. */
  push(chunk: Uint8Array): string {
    this.#parser.feed(this.#decoder.decode(chunk, { stream: true }));
    if (this.#overflow) throw new GatewayError('GW_ERR_STREAM_EVENT_TOO_LARGE');
    return this.#take();
  }

  /** Upstream finished: a last event without its blank line still counts, then the transform flushes. */
  end(): string {
    this.#parser.feed(this.#decoder.decode());
    this.#parser.reset({ consume: true });
    this.#emit(this.#transform.end());
    return this.#take();
  }

  #emit(events: SseEvent[]): void {
    for (const e of events) this.#out += serializeSse(e);
  }

  #take(): string {
    const out = this.#out;
    this.#out = '';
    return out;
  }
}
