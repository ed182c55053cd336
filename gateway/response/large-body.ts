import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Slicer } from '../slicer.js';
import type { JsonBodyOut, TextPieces } from '../stream/response-rewrite.js';

/**
 * A whole JSON response at least this large is decoded, restored and written in pieces, with turns of
 * the event loop between them: decoding a megabyte of non-ASCII UTF-8, or encoding it back, takes
 * 3–7 ms on the machine the bench runs on, time every other client would otherwise wait; and the text
 * is never joined into one string (see TextPieces) (issue 16).
 */
export const LARGE_BODY = 256 * 1024;
/**
 * One piece, in bytes to decode or characters to encode: well under a millisecond of either, and as
 * text (at most 2 bytes a character) under V8's 128 KiB large-object size, so it is allocated where
 * small strings are rather than in fresh pages of its own.
 */
const PIECE = 32 * 1024;
/** The longest match `anyPieceMatches` finds where two pieces meet. */
export const SEAM_MATCH = 32;

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A cut at or just before `at` that splits no UTF-8 sequence, so decoding the pieces apart gives
 * exactly what decoding the whole does, invalid bytes included: the first of bytes at, at-1, at-2 and
 * at-3 that is not a continuation byte (a sequence never goes on past one). When all four are
 * continuation bytes, no sequence that began before `at` can reach it (the longest has three after its
 * lead), so byte `at` is a stray one that decodes to U+FFFD on its own either way.
 */
export function utf8Cut(buf: Uint8Array, at: number): number {
  for (let i = at; i > at - 4; i--) if (!isContinuation(buf[i]!)) return i;
  return at;
}

/**
 * `buf.toString('utf8')` in pieces, with turns between them once a slice has run its time. The
 * pieces joined are exactly the whole decoded; none splits a surrogate pair (a pair is one UTF-8
 * sequence, never cut). `piece` is exported for tests with small pieces.
 */
export async function decodePieces(buf: Buffer, slicer = new Slicer(), piece = PIECE): Promise<string[]> {
  const parts: string[] = [];
  for (let start = 0; start < buf.length;) {
    // A piece of 4 bytes or more keeps the cut past its start.
    const end = start + piece >= buf.length ? buf.length : utf8Cut(buf, start + Math.max(4, piece));
    parts.push(buf.toString('utf8', start, end));
    start = end;
    if (start < buf.length) await slicer.maybeYield();
  }
  return parts;
}

/**
 * `re.test(pieces.join(''))` without the join, for a pattern whose matches are at most SEAM_MATCH
 * characters long and that has no anchors or lookarounds.
 */
export const anyPieceMatches = (pieces: TextPieces, re: RegExp, slicer?: Slicer): Promise<boolean> => anyPieceHas(pieces, (s) => re.test(s), SEAM_MATCH, slicer);

/**
 * Whether the joined pieces hold a match of `has`, a test for something at most `longest`
 * characters long (a pattern, a substring), without the join: each piece is tested, and so is every
 * seam between the text so far and the next piece, which holds any match that spans it. A test runs
 * at about a millisecond per megabyte here, so between pieces the loop gets its turn once `slicer`'s
 * slice has run its time.
 */
export async function anyPieceHas(pieces: TextPieces, has: (text: string) => boolean, longest: number, slicer = new Slicer()): Promise<boolean> {
  const keep = longest - 1;
  let tail = '';
  for (const p of pieces) {
    if (has(p)) return true;
    if (keep > 0) {
      if (tail !== '' && has(tail + p.slice(0, keep))) return true;
      tail = p.length >= keep ? p.slice(p.length - keep) : (tail + p).slice(-keep);
    }
    await slicer.maybeYield();
  }
  return false;
}

/**
 * Writes a whole body with its length (`length`: its size in bytes, when the caller has it). Text in
 * pieces, or a large string, goes out piece by piece, each encoded as it is written; between pieces
 * the event loop gets its turn once a slice has run its time, and a client that reads slowly is waited
 * for ('drain') rather than buffered for. Stops when the client is gone.
 */
export function writeWhole(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: JsonBodyOut, length = byteLength(body)): void | Promise<void> {
  headers['content-length'] = length;
  res.writeHead(status, headers);
  if (typeof body === 'string') {
    if (body.length < LARGE_BODY) res.end(body);
    else return writePieces(res, [body], new Slicer(), PIECE);
  } else if (Buffer.isBuffer(body)) res.end(body);
  else return writePieces(res, body, new Slicer(), PIECE);
}

/** Bytes the body is as UTF-8: for text in pieces, what writePieces sends, which is the joined text's. */
export function byteLength(body: JsonBodyOut): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  let n = 0;
  let highAtEnd = false;
  for (const p of body) {
    if (p.length === 0) continue;
    n += Buffer.byteLength(p);
    // A pair split between two pieces is written as one character (writePieces): 4 bytes, not 3 + 3.
    if (highAtEnd && isLowSurrogate(p.charCodeAt(0))) n -= 2;
    highAtEnd = isHighSurrogate(p.charCodeAt(p.length - 1));
  }
  return n;
}

/**
 * Exported for tests with small pieces; `writeWhole` is the entry. Each piece is written in runs of at
 * most `piece` characters cut between UTF-16 surrogate pairs, never inside one; a high surrogate that
 * ends a piece waits for the next, so a pair split between two pieces is still written as one character.
 */
export async function writePieces(res: ServerResponse, pieces: TextPieces, slicer: Slicer, piece: number): Promise<void> {
  let held = '';
  for (let i = 0; i < pieces.length; i++) {
    let text = held === '' ? pieces[i]! : held + pieces[i]!;
    held = '';
    if (i < pieces.length - 1 && text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      held = text.slice(-1);
      text = text.slice(0, -1);
    }
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + piece);
      // A pair split apart would encode as two U+FFFD; a one-character run takes the pair whole.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end += end - 1 > start ? -1 : 1;
      const flowing = res.write(text.slice(start, end));
      start = end;
      if (!flowing) await drainedOrClosed(res);
      else await slicer.maybeYield();
      if (res.destroyed) return;
    }
  }
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
