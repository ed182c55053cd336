/**
 * An array with a moving head: taking a batch from the front is O(batch), not O(queue) as
 * `splice(0, n)` or `slice(n)` would be; the consumed prefix is dropped once it is half the array.
 */
export class FifoQueue<T> {
  #items: T[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  takeFront(max: number): T[] {
    const end = Math.min(this.#items.length, this.#head + max);
    const out = this.#items.slice(this.#head, end);
    this.#head = end;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > this.#items.length / 2) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return out;
  }

  /** Returns a batch that could not be written, ahead of everything queued since. */
  putBackFront(batch: readonly T[]): void {
    this.#items = [...batch, ...this.#items.slice(this.#head)];
    this.#head = 0;
  }
}
