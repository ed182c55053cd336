/**
 * A large scan's long texts sent to a worker through reused shared memory instead of the task message.
 * postMessage serialises a megabyte string into a fresh buffer each time, and on this kind of VM the
 * event loop then spends milliseconds faulting its pages in (3–4 ms in one call of three, against
 * 0.1–0.3 ms to write the same text into memory written before). The worker reads the texts back
 * exactly: an all-ASCII text as Latin-1 (one byte per character, a one-byte string again), any other
 * as UTF-16 code units (two bytes each, lone surrogates included), so every offset the scan returns
 * is an offset into the caller's own string.
 */

/** A scan's texts, the long ones in `buffer`: `[index, start, end, encoding]` per shared text, flattened. */
export interface PackedTexts {
  readonly buffer: SharedArrayBuffer;
  /** Every text, with null where it lies in the buffer instead. */
  readonly inline: readonly (string | null)[];
  readonly layout: readonly number[];
}

/**
 * Texts at least this long go through shared memory. A shorter one travels in the message: a write
 * per text costs a call into C++, which for thousands of short strings would cost the loop more
 * (50,000 five-character strings: 19 ms) than copying them does (under 2 ms).
 */
export const SHARED_TEXT_CHARS = 16 * 1024;

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

/**
 * The texts with the long ones written into one buffer from `arena` (release `buffer` to it once the
 * worker is done), or undefined when none is long enough to share.
 */
export function packTexts(texts: readonly string[], arena: TextArena, minChars = SHARED_TEXT_CHARS): PackedTexts | undefined {
  const shared: number[] = [];
  const encodings: number[] = [];
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (text.length < minChars) continue;
    const encoding = Buffer.byteLength(text, 'utf8') === text.length ? LATIN1 : UTF16;
    shared.push(i);
    encodings.push(encoding);
    total += text.length * (encoding === LATIN1 ? 1 : 2);
  }
  if (shared.length === 0) return undefined;
  const buffer = arena.acquire(total);
  const view = Buffer.from(buffer);
  const inline: (string | null)[] = texts.slice();
  const layout: number[] = [];
  let at = 0;
  for (let k = 0; k < shared.length; k++) {
    const i = shared[k]!;
    const written = view.write(texts[i]!, at, encodings[k] === LATIN1 ? 'latin1' : 'utf16le');
    layout.push(i, at, at + written, encodings[k]!);
    inline[i] = null;
    at += written;
  }
  return { buffer, inline, layout };
}

/** The texts packTexts was given, as the same strings. */
export function unpackTexts(packed: PackedTexts): string[] {
  const view = Buffer.from(packed.buffer);
  const texts = packed.inline.slice() as string[];
  for (let k = 0; k < packed.layout.length; k += 4) {
    const [i, start, end, encoding] = [packed.layout[k]!, packed.layout[k + 1]!, packed.layout[k + 2]!, packed.layout[k + 3]!];
    texts[i] = view.toString(encoding === LATIN1 ? 'latin1' : 'utf16le', start, end);
  }
  return texts;
}
