import type { ServerResponse } from 'node:http';

export interface SseConnectionOptions {
  /** A comment line this often, so clients and proxies can tell a quiet stream from a dead one. */
  heartbeatMs: number;
  /** Bytes that may wait in the socket's write buffer; a client that falls further behind is dropped. */
  maxBacklogBytes: number;
  onClose: () => void;
}

/**
 * One client of the admin event stream, on a hijacked response. Writes never wait: a client that
 * stops reading is disconnected once its backlog passes the cap (it can resume with Last-Event-ID),
 * so a stalled dashboard costs a bounded amount of memory. Hand-written rather than @fastify/sse:
 * the stream needs its own replay and drop policy, and the wire format is four lines.
 */
export class SseConnection {
  readonly #res: ServerResponse;
  readonly #opts: SseConnectionOptions;
  readonly #heartbeat: NodeJS.Timeout;
  #closed = false;

  constructor(res: ServerResponse, opts: SseConnectionOptions) {
    this.#res = res;
    this.#opts = opts;
    res.once('close', () => this.#finish());
    res.on('error', () => this.#finish());
    this.#heartbeat = setInterval(() => this.send(': heartbeat\n\n'), opts.heartbeatMs);
    this.#heartbeat.unref();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one frame; false when the connection is gone or was just dropped for falling behind. */
  send(frame: string): boolean {
    if (this.#closed) return false;
    this.#res.write(frame);
    if (this.#res.writableLength > this.#opts.maxBacklogBytes) {
      this.#res.destroy();
      this.#finish();
      return false;
    }
    return true;
  }

  /** Ends the stream cleanly (shutdown). */
  end(): void {
    if (this.#closed) return;
    this.#res.end();
    this.#finish();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#opts.onClose();
  }
}
