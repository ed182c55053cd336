// Which requests the client abandoned before the response was complete, and who waits to know.

interface Waiter {
  /** undefined: any request */
  seq: number | undefined;
  resolve(at: number): void;
  reject(err: Error): void;
}

export class AbortLog {
  #aborted = new Map<number, number>();
  #finished = new Set<number>();
  #first: number | undefined;
  #waiters = new Set<Waiter>();

  /** @param trackFinished remember normal endings so waiting on one fails fast (off for benchmarks) */
  constructor(private readonly trackFinished: boolean) {}

  aborted(seq: number, at: number): void {
    this.#aborted.set(seq, at);
    this.#first ??= at;
    for (const w of this.#waiters) {
      if (w.seq === undefined || w.seq === seq) w.resolve(at);
    }
  }

  finished(seq: number): void {
    if (this.trackFinished) this.#finished.add(seq);
    for (const w of this.#waiters) {
      if (w.seq === seq) w.reject(new Error(`fake-provider: request #${seq} finished without an early close`));
    }
  }

  wait(seq: number | undefined, timeoutMs: number): Promise<number> {
    const known = seq === undefined ? this.#first : this.#aborted.get(seq);
    if (known !== undefined) return Promise.resolve(known);
    if (seq !== undefined && this.#finished.has(seq)) {
      return Promise.reject(new Error(`fake-provider: request #${seq} finished without an early close`));
    }
    return new Promise<number>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter = {
        seq,
        resolve: (at) => {
          settle();
          resolve(at);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      };
      const what = seq === undefined ? 'any request' : `request #${seq}`;
      const timer = setTimeout(() => waiter.reject(new Error(`fake-provider: no early close of ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Forgets history; pending waiters fail, since what they waited for can no longer be told apart. */
  clear(): void {
    for (const w of this.#waiters) w.reject(new Error('fake-provider: reset() while waiting for an abort'));
    this.#aborted.clear();
    this.#finished.clear();
    this.#first = undefined;
  }
}
