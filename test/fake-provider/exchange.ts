// One request/response pair's lifetime: its pauses end early when the connection closes, so a
// client that goes away never leaves timers or write loops behind.
import type { ServerResponse } from 'node:http';

export class Exchange {
  closed = false;
  /** the server broke the connection on purpose (reset-mid-stream), so it is no client abort */
  serverCut = false;
  /** Byte size of every body write, in order: what tcp-split controls (the kernel may merge segments). */
  readonly writes: number[] = [];
  #cancel: (() => void) | undefined;
  #wake: (() => void) | undefined;

  constructor(readonly res: ServerResponse) {}

  /** Waits ms (0 yields one turn of the event loop); resolves at once when the connection closes. */
  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#wake = resolve;
      const done = (): void => {
        this.#cancel = undefined;
        this.#wake = undefined;
        resolve();
      };
      if (ms > 0) {
        const t = setTimeout(done, ms);
        this.#cancel = () => clearTimeout(t);
      } else {
        const t = setImmediate(done);
        this.#cancel = () => clearImmediate(t);
      }
    });
  }

  /** Writes with backpressure: waits for drain, or for the close that makes draining moot. */
  async write(data: string | Buffer): Promise<void> {
    if (this.closed) return;
    this.writes.push(typeof data === 'string' ? Buffer.byteLength(data) : data.length);
    if (this.res.write(data)) return;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      this.res.once('drain', () => {
        this.#wake = undefined;
        resolve();
      });
    });
  }

  close(): void {
    this.closed = true;
    this.#cancel?.();
    this.#cancel = undefined;
    this.#wake?.();
    this.#wake = undefined;
  }
}
