import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { StreamEventData, StreamEventType } from '../../gateway/admin/contract.js';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'stopped';
type Listener = (data: unknown, id: number) => void;
export type OpenStream = (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>;

/** Waits after the n-th failed attempt in a row (ms); the last value repeats. */
const BACKOFF_MS = [250, 1000, 2000, 5000, 10_000];
const MAX_EVENT_BYTES = 8 * 1024 * 1024;

/**
 * The admin event stream over `fetch` (EventSource cannot send a bearer header): parsed with
 * eventsource-parser, resumed with `Last-Event-ID` after any drop, retried with backoff. One
 * connection per app; pages subscribe to the event types they show.
 */
export class EventStream {
  #listeners = new Map<string, Set<Listener>>();
  #statusListeners = new Set<(status: StreamStatus) => void>();
  #openListeners = new Set<() => void>();
  #status: StreamStatus = 'stopped';
  #lastId: string | undefined;
  #abort: AbortController | undefined;
  #failures = 0;

  constructor(
    private readonly open: OpenStream,
    private readonly onUnauthorized: () => void,
  ) {}

  get status(): StreamStatus {
    return this.#status;
  }

  start(): void {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#setStatus('connecting');
    void this.#run(abort.signal);
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#setStatus('stopped');
  }

  on<K extends StreamEventType>(type: K, fn: (data: StreamEventData<K>, id: number) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    const listener = fn as Listener;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Called after every successful (re)connect: a moment to refetch lists the stream only patches. */
  onOpen(fn: () => void): () => void {
    this.#openListeners.add(fn);
    return () => this.#openListeners.delete(fn);
  }

  onStatus(fn: (status: StreamStatus) => void): () => void {
    this.#statusListeners.add(fn);
    return () => this.#statusListeners.delete(fn);
  }

  #setStatus(status: StreamStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const fn of this.#statusListeners) fn(status);
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const res = await this.open(this.#lastId, signal);
        if (res.status === 401) {
          this.#abort = undefined;
          this.#setStatus('unauthorized');
          this.onUnauthorized();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
        this.#failures = 0;
        this.#setStatus('live');
        for (const fn of this.#openListeners) fn();
        await this.#read(res.body, signal);
      } catch {
        // Dropped, refused or unreachable: retry below unless we were stopped.
      }
      if (signal.aborted) return;
      this.#setStatus('reconnecting');
      const wait = BACKOFF_MS[Math.min(this.#failures++, BACKOFF_MS.length - 1)];
      await new Promise((resolve) => setTimeout(resolve, wait * (0.8 + Math.random() * 0.4)));
    }
  }

  async #read(body: ReadableStream<Uint8Array<ArrayBuffer>>, signal: AbortSignal): Promise<void> {
    const reader = body
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_EVENT_BYTES }))
      .getReader();
    const cancel = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.id !== undefined) this.#lastId = value.id;
        if (value.event === undefined) continue;
        this.#dispatch(value.event, value.data, Number(value.id ?? 0));
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  #dispatch(type: string, raw: string, id: number): void {
    const set = this.#listeners.get(type);
    if (!set?.size) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return;
    }
    for (const fn of set) {
      // One page's bug must not cut the stream for every other page.
      try {
        fn(data, id);
      } catch (err) {
        console.error('event stream listener failed', type, err);
      }
    }
  }
}
