// Splits reply content into the deltas a stream carries. Pure: no I/O.

/** Thrown out of the delta sequence to break a stream off before its closing events. */
export class StreamCut extends Error {
  constructor() {
    super('fake-provider: stream cut');
  }
}

export function chunks(text: string, size: number): string[] {
  if (text === '') return [''];
  const out: string[] = [];
  // Split on code points so a delta never carries half a surrogate pair.
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function evenly(text: string, n: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(''));
  return out;
}

function* cycle(pieces: readonly string[], limit: number): Generator<string> {
  for (let i = 0; i < limit; i++) yield pieces[i % pieces.length];
}

export interface PieceOptions {
  chunk: number;
  events?: number;
  endless: boolean;
  /** may content be repeated to fill `events` or an endless stream (text yes, JSON arguments no) */
  repeatable: boolean;
  /** sent whole as the first delta, ahead of the content */
  filler?: string;
}

/**
 * The deltas for `content`: `chunk`-sized pieces by default; exactly `events` pieces when set
 * (text is repeated to fill them; content longer than that is spread over them so nothing is lost);
 * repeated forever when endless.
 */
export function deltas(content: string, o: PieceOptions): Iterable<string> {
  const base = chunks(content, o.chunk);
  let seq: Iterable<string> = base;
  if (o.endless) seq = cycle(base, Infinity);
  else if (o.events !== undefined) {
    if (base.length >= o.events) seq = evenly(content, o.events);
    else if (o.repeatable) seq = cycle(base, o.events);
  }
  return o.filler === undefined ? seq : prepend(o.filler, seq);
}

function* prepend(first: string, seq: Iterable<string>): Generator<string> {
  yield first;
  yield* seq;
}

/** Passes `after` deltas on, then throws StreamCut instead of the next one (or instead of the end). */
export function* cutAfter(seq: Iterable<string>, after: number): Generator<string> {
  let n = 0;
  for (const piece of seq) {
    if (n++ >= after) break;
    yield piece;
  }
  throw new StreamCut();
}
