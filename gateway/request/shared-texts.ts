/**
 * A large scan's texts sent to a worker through reused shared memory instead of the task message.
 * postMessage serialises a megabyte string into a fresh buffer each time, and on this kind of VM the
 * event loop then spends milliseconds faulting its pages in (3–4 ms in one call of three, against
 * 0.1–0.3 ms to write the same text into memory written before). The worker reads the texts back
 * exactly: an all-ASCII text as Latin-1 (one byte per character, a one-byte string again), any other
 * as UTF-16 code units (two bytes each, lone surrogates included), so every offset the scan returns
 * is an offset into the caller's own string.
 */

/** Where each text lies in `buffer`: `[start, end, encoding]` per text, flattened. */
export interface PackedTexts {
  readonly buffer: SharedArrayBuffer;
  readonly layout: readonly number[];
}

const LATIN1 = 0;
const UTF16 = 1;
/** Buffers come in powers of two from this size, so a few of them serve bodies of any size. */
const MIN_BUFFER = 256 * 1024;

/**
 * Shared buffers waiting for the next large scan. At most `maxKept` are kept, and none past
 * `maxBytes` in all: a released buffer beyond either is left to the garbage collector.
 */
export class TextArena {
  readonly #free: SharedArrayBuffer[] = [];
  readonly #maxKept: number;
  readonly #maxBytes: number;
  #keptBytes = 0;

  constructor(maxKept: number, maxBytes: number) {
    this.#maxKept = maxKept;
    this.#maxBytes = maxBytes;
  }

  /** Bytes held by free buffers. */
  get keptBytes(): number {
    return this.#keptBytes;
  }

  /** The smallest free buffer of at least `bytes`, or a new one. */
  acquire(bytes: number): SharedArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.#free.length; i++) {
      const size = this.#free[i]!.byteLength;
      if (size >= bytes && (best < 0 || size < this.#free[best]!.byteLength)) best = i;
    }
    if (best >= 0) {
      const [buffer] = this.#free.splice(best, 1);
      this.#keptBytes -= buffer!.byteLength;
      return buffer!;
    }
    let size = MIN_BUFFER;
    while (size < bytes) size *= 2;
    return new SharedArrayBuffer(size);
  }

  /** Takes a buffer back once no worker reads it any more. */
  release(buffer: SharedArrayBuffer): void {
    if (this.#free.length >= this.#maxKept || this.#keptBytes + buffer.byteLength > this.#maxBytes) return;
    this.#free.push(buffer);
    this.#keptBytes += buffer.byteLength;
  }

  /** Drops every free buffer (the pool went idle: idle memory is given back). */
  clear(): void {
    this.#free.length = 0;
    this.#keptBytes = 0;
  }
}

/** Writes the texts into one buffer from `arena`; release `packed.buffer` to it when the worker is done. */
export function packTexts(texts: readonly string[], arena: TextArena): PackedTexts {
  const encodings = texts.map((t) => (Buffer.byteLength(t, 'utf8') === t.length ? LATIN1 : UTF16));
  let total = 0;
  for (let i = 0; i < texts.length; i++) total += texts[i]!.length * (encodings[i] === LATIN1 ? 1 : 2);
  const buffer = arena.acquire(total);
  const view = Buffer.from(buffer);
  const layout: number[] = [];
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const written = view.write(texts[i]!, at, encodings[i] === LATIN1 ? 'latin1' : 'utf16le');
    layout.push(at, at + written, encodings[i]!);
    at += written;
  }
  return { buffer, layout };
}

/** The texts packTexts wrote, as the same strings. */
export function unpackTexts(packed: PackedTexts): string[] {
  const view = Buffer.from(packed.buffer);
  const texts: string[] = [];
  for (let i = 0; i < packed.layout.length; i += 3) {
    texts.push(view.toString(packed.layout[i + 2] === LATIN1 ? 'latin1' : 'utf16le', packed.layout[i], packed.layout[i + 1]));
  }
  return texts;
}
