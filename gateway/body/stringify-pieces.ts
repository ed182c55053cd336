import { randomBytes } from 'node:crypto';
import { Slicer } from '../slicer.js';

/** A changed body's bytes in pieces, sent upstream one after another with their summed length. */
export type BodyPieces = readonly Buffer[];

/** A changed body that was at least this large is serialised in pieces; a smaller one at once. */
export const PIECED_BODY = 64 * 1024;
/** Strings at least this long are written in pieces; shorter ones stay in the skeleton. */
const LONG_STRING = 16 * 1024;
/**
 * Characters of a long string per piece: its JSON text is at most 6 one-byte characters per
 * character (`\u0000`), so a piece stays under V8's 128 KiB large-object size in the worst case.
 */
const PIECE_CHARS = 16 * 1024;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * `Buffer.from(JSON.stringify(value))`, in pieces and never whole: the value is serialised with
 * every long string swapped for a marker (the skeleton is small), and each long string's JSON text
 * is made and encoded a piece at a time, with turns of the event loop between pieces once a slice
 * has run its time. A megabyte body is then never one string or one buffer on the event loop, whose
 * fresh pages it would wait for (issue 16). A marker is a random nonce no client text can hold.
 * `longString` and `pieceChars` are exported for tests with small pieces.
 */
export async function stringifyInPieces(value: unknown, slicer = new Slicer(), longString = LONG_STRING, pieceChars = PIECE_CHARS): Promise<BodyPieces> {
  const nonce = `\u2063aegis-${randomBytes(12).toString('hex')}-`;
  const long: string[] = [];
  const skeleton = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'string' || v.length < longString) return v;
    long.push(v);
    return `${nonce}${long.length - 1}`;
  }) as string | undefined;
  // undefined, a function or a symbol: JSON.stringify gives no text, and neither do the pieces.
  if (skeleton === undefined) return [];
  if (long.length === 0) return [Buffer.from(skeleton)];
  const out: Buffer[] = [];
  const opening = `"${nonce}`;
  let from = 0;
  for (;;) {
    const at = skeleton.indexOf(opening, from);
    if (at === -1) break;
    const close = skeleton.indexOf('"', at + opening.length);
    const text = long[Number(skeleton.slice(at + opening.length, close))]!;
    encodeInto(out, `${skeleton.slice(from, at)}"`, pieceChars);
    for (let start = 0; start < text.length;) {
      const end = pieceEnd(text, start, pieceChars);
      // Each piece escaped on its own is the whole's escaping: no escape spans two characters, and
      // no surrogate pair is split (JSON.stringify would escape its halves).
      out.push(Buffer.from(JSON.stringify(text.slice(start, end)).slice(1, -1)));
      start = end;
      await slicer.maybeYield();
    }
    from = close;
  }
  encodeInto(out, skeleton.slice(from), pieceChars);
  return out;
}

/** Where a piece from `start` ends: `chars` on, or one less (one more for a one-character piece) so no pair is split. */
function pieceEnd(text: string, start: number, chars: number): number {
  const end = Math.min(text.length, start + chars);
  if (end === text.length || !isHighSurrogate(text.charCodeAt(end - 1)) || !isLowSurrogate(text.charCodeAt(end))) return end;
  return end - 1 > start ? end - 1 : end + 1;
}

/** UTF-8 of `text` appended a piece at a time (a large skeleton: a body of many short strings). */
function encodeInto(out: Buffer[], text: string, chars: number): void {
  if (text.length <= chars) {
    out.push(Buffer.from(text));
    return;
  }
  for (let start = 0; start < text.length;) {
    const end = pieceEnd(text, start, chars);
    out.push(Buffer.from(text.slice(start, end)));
    start = end;
  }
}

/** Total bytes of a body, whole or in pieces. */
export function bodyLength(body: Buffer | BodyPieces): number {
  if (Buffer.isBuffer(body)) return body.length;
  let n = 0;
  for (const b of body) n += b.length;
  return n;
}

/** The body as one buffer: for the rare step that must read it whole (translation, a model rename). */
export const wholeBody = (body: Buffer | BodyPieces): Buffer => (Buffer.isBuffer(body) ? body : Buffer.concat(body));
