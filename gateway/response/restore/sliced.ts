import { Slicer } from '../../slicer.js';
import { MAX_TOKEN_LENGTH } from '../../vault/placeholder.js';
import { restoreText, type Lookup } from './restore-text.js';
import type { TextPieces } from '../../stream/response-rewrite.js';

/** Text at least this long is restored piece by piece, with turns of the event loop between pieces. */
export const SLICED_RESTORE_CHARS = 64 * 1024;
/** About what one piece holds: well under a millisecond of replacing, even packed with placeholders. */
const PIECE_CHARS = 16 * 1024;

/**
 * A cut at or before `at` that no token spans. Every token starts with `[[` and holds no other `[`,
 * so cutting just before the last `[[` that starts before `at` splits none; when that `[[` is
 * further back than the longest token, every token before it ends before `at`.
 */
export function safeCut(text: string, at: number): number {
  const open = text.lastIndexOf('[[', at - 1);
  return open !== -1 && open > at - MAX_TOKEN_LENGTH ? open : at;
}

/**
 * `restoreText` over a large text in pieces cut where no token spans them (see safeCut), yielding to
 * the event loop when a slice has run its time: restoring a megabyte response, or one holding a
 * hundred thousand placeholders, never holds other clients up for longer than a slice.
 * Same result as `restoreText` (the text itself when nothing changed).
 */
export async function restoreTextInSlices(text: string, lookup: Lookup, json: boolean, slicer = new Slicer(), pieceChars = PIECE_CHARS): Promise<string> {
  if (text.indexOf('[[') === -1) return text;
  const parts: string[] = [];
  return (await restoreInto(parts, text, lookup, json, slicer, pieceChars)) ? parts.join('') : text;
}

/**
 * restoreTextInSlices over a text already in pieces (a large response as decoded), answered in
 * pieces and never joined: `restoreText(pieces.join(''))` is `result.join('')`, and `pieces` itself
 * comes back when nothing changed. A token may span two pieces, so what follows the last place in a
 * piece where no token can span (see safeCut) waits for the next one.
 */
export async function restorePiecesInSlices(pieces: TextPieces, lookup: Lookup, json: boolean, slicer = new Slicer(), pieceChars = PIECE_CHARS): Promise<TextPieces> {
  const parts: string[] = [];
  let changed = false;
  let carry = '';
  for (let i = 0; i < pieces.length; i++) {
    const text = carry === '' ? pieces[i]! : carry + pieces[i]!;
    // Not at the end: the last character may be the first `[` of a token the next piece ends.
    const cut = i === pieces.length - 1 ? text.length : safeCut(text, Math.max(0, text.length - 1));
    carry = text.slice(cut);
    if (await restoreInto(parts, cut === text.length ? text : text.slice(0, cut), lookup, json, slicer, pieceChars)) changed = true;
  }
  return changed ? parts : pieces;
}

/** Restores `text` cut by cut into `parts`; whether anything changed. */
async function restoreInto(parts: string[], text: string, lookup: Lookup, json: boolean, slicer: Slicer, pieceChars: number): Promise<boolean> {
  // A piece longer than any token always ends past its start (safeCut moves back less than a token).
  const step = Math.max(pieceChars, MAX_TOKEN_LENGTH + 1);
  let changed = false;
  for (let start = 0; start < text.length;) {
    const end = start + step >= text.length ? text.length : safeCut(text, start + step);
    const piece = text.slice(start, end);
    const out = restoreText(piece, lookup, json);
    if (out !== piece) changed = true;
    parts.push(out);
    start = end;
    await slicer.maybeYield();
  }
  return changed;
}
