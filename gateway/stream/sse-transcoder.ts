import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { GatewayError } from '../errors.js';
import { isPending, type SseEvent, type SseTransform } from './sse-event.js';
import { serializeSse } from './sse-serialize.js';

/**
 * Upstream SSE bytes → events (eventsource-parser) → transform → client-bound text. Free of I/O so
 * any chunking can be property-tested; the sink owns sockets, backpressure and caps. Multi-byte
 * UTF-8 split across chunks is kept whole by a streaming TextDecoder. Events are processed strictly
 * in order: when the transform has to wait (a held tool call), text produced so far goes out first
 * and later events queue until it is done.
 */
export class SseTranscoder {
  readonly #parser: EventSourceParser;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #transform: SseTransform;
  /** Parsed events not yet through the transform, and text (comments, retry) in their order. */
  readonly #queue: (SseEvent | string)[] = [];
  #out = '';
  #overflow = false;
  #waiting = false;

  constructor(transform: SseTransform, maxEventChars: number) {
    this.#transform = transform;
    this.#parser = createParser({
      // The parser's cap only counts what stays buffered between feeds; an event that arrives
      // whole within one chunk is checked on its own below.
      maxBufferSize: maxEventChars,
      onEvent: (e: EventSourceMessage) => {
        if (e.data.length > maxEventChars) this.#overflow = true;
        else if (!this.#overflow) this.#queue.push(e);
      },
      // Comments are keep-alives; relaying them keeps clients' idle timers from firing.
      onComment: (c) => this.#queue.push(`:${c}\n\n`),
      onRetry: (retry) => this.#queue.push(`retry: ${retry}\n\n`),
      onError: (err) => {
        if (err.type === 'max-buffer-size-exceeded') this.#overflow = true;
      },
    });
  }

  /** True while a transform promise is pending: feed more, but drain only after it settles. */
  get waiting(): boolean {
    return this.#waiting;
  }

  /** Parses upstream bytes into the queue. Throws on an oversized event. */
  feed(chunk: Uint8Array): void {
    this.#parser.feed(this.#decoder.decode(chunk, { stream: true }));
    if (this.#overflow) throw new GatewayError('GW_ERR_STREAM_EVENT_TOO_LARGE');
  }

  /**
   * Runs queued events through the transform, handing text to `write` as it is produced. Returns
   * a promise only when the transform had to wait; it settles once the queue is empty again.
   */
  drain(write: (text: string) => void): void | Promise<void> {
    while (this.#queue.length > 0) {
      const item = this.#queue.shift()!;
      if (typeof item === 'string') {
        this.#out += item;
        continue;
      }
      const r = this.#transform.push(item);
      if (isPending(r)) return this.#wait(r, write);
      this.#emit(r);
    }
    this.#flush(write);
  }

  /**
   * Upstream finished: a last event without its blank line still counts, then the transform
   * flushes. The extra line break completes a trailing CR (the parser holds it, as it may start a
   * CRLF) or an unterminated last line; after a complete stream it is an empty line and adds nothing.
   */
  finish(write: (text: string) => void): void | Promise<void> {
    this.#parser.feed(`${this.#decoder.decode()}
`);
    this.#parser.reset({ consume: true });
    const drained = this.drain(write);
    const end = () => {
      const r = this.#transform.end();
      if (!isPending(r)) return void (this.#emit(r), this.#flush(write));
      return r.then((events) => (this.#emit(events), this.#flush(write)));
    };
    return drained ? drained.then(end) : end();
  }

  /** For transforms that never wait: feeds and drains, returning the text. */
  push(chunk: Uint8Array): string {
    this.feed(chunk);
    return this.#sync((write) => this.drain(write));
  }

  /** For transforms that never wait: finishes, returning the text. */
  end(): string {
    return this.#sync((write) => this.finish(write));
  }

  #sync(run: (write: (text: string) => void) => void | Promise<void>): string {
    let out = '';
    if (run((text) => (out += text))) throw new Error('the transform waited; use feed/drain/finish');
    return out;
  }

  async #wait(pending: Promise<SseEvent[]>, write: (text: string) => void): Promise<void> {
    this.#flush(write);
    this.#waiting = true;
    try {
      this.#emit(await pending);
    } finally {
      this.#waiting = false;
    }
    await this.drain(write);
  }

  #emit(events: SseEvent[]): void {
    for (const e of events) this.#out += serializeSse(e);
  }

  #flush(write: (text: string) => void): void {
    if (this.#out.length === 0) return;
    const out = this.#out;
    this.#out = '';
    write(out);
  }
}
