import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Slicer } from '../slicer.js';

/**
 * A whole JSON response at least this large is decoded and written in pieces, with turns of the
 * event loop between them: decoding a megabyte of non-ASCII UTF-8, or encoding it back, takes 3–7 ms
 * on the machine the bench runs on, time every other client would otherwise wait (issue 16).
 */
export const LARGE_BODY = 256 * 1024;
/** One piece, in bytes to decode or characters to encode: well under a millisecond of either. */
const PIECE = 64 * 1024;

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

/** `buf.toString('utf8')`: at once when small, in pieces with turns between when large. */
export function decodeUtf8(buf: Buffer): string | Promise<string> {
  return buf.length < LARGE_BODY ? buf.toString('utf8') : decodeInPieces(buf, new Slicer(), PIECE);
}

/** Exported for tests with small pieces; `decodeUtf8` is the entry. */
export async function decodeInPieces(buf: Buffer, slicer: Slicer, piece: number): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < buf.length;) {
    // A piece of 4 bytes or more keeps the cut past its start.
    const end = start + piece >= buf.length ? buf.length : utf8Cut(buf, start + Math.max(4, piece));
    parts.push(buf.toString('utf8', start, end));
    start = end;
    if (start < buf.length) await slicer.maybeYield();
  }
  return parts.join('');
}

/**
 * Writes a whole body with its length (`length`: its size in bytes, when the caller has it). A large
 * string goes out in pieces cut between UTF-16 surrogate pairs, never inside one, each encoded as it
 * is written; between pieces the event loop gets its turn once a slice has run its time, and a client
 * that reads slowly is waited for ('drain') rather than buffered for. Stops when the client is gone.
 */
export function writeWhole(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer | string, length = byteLength(body)): void | Promise<void> {
  headers['content-length'] = length;
  res.writeHead(status, headers);
  if (typeof body !== 'string' || body.length < LARGE_BODY) {
    res.end(body);
    return;
  }
  return writeInPieces(res, body, new Slicer(), PIECE);
}

export const byteLength = (body: Buffer | string): number => (typeof body === 'string' ? Buffer.byteLength(body) : body.length);

/** Exported for tests with small pieces; `writeWhole` is the entry. */
export async function writeInPieces(res: ServerResponse, body: string, slicer: Slicer, piece: number): Promise<void> {
  for (let start = 0; start < body.length;) {
    let end = Math.min(body.length, start + piece);
    // A pair split apart would encode as two U+FFFD; a one-character piece takes the pair whole.
    if (end < body.length && isHighSurrogate(body.charCodeAt(end - 1)) && isLowSurrogate(body.charCodeAt(end))) end += end - 1 > start ? -1 : 1;
    const flowing = res.write(body.slice(start, end));
    start = end;
    if (!flowing) await drainedOrClosed(res);
    else await slicer.maybeYield();
    if (res.destroyed) return;
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
