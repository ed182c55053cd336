import { Slicer } from '../../slicer.js';
import { restoreText, type Lookup } from './restore-text.js';
import type { TextPieces } from '../../stream/response-rewrite.js';
import { anyPieceMatches } from '../large-body.js';
import { restorePiecesInSlices, restoreTextInSlices, SLICED_RESTORE_CHARS } from './sliced.js';

/**
 * Restores one API shape's decoded JSON body (each shape's in response/shapes/): the restored
 * document when anything changed (in place, or a new value), undefined when nothing did.
 */
export type DocumentRestore = (doc: unknown, lookup: Lookup) => unknown;

/** A token needs `[[`; `\u005b` covers an encoder that escapes brackets. */
const MAY_HOLD_TOKEN = /\[\[|\\u005[bB]/;
const ESCAPED_BRACKET = /\\u005[bBdD]/;
const ARGUMENTS = /"arguments"/;

/**
 * Restore a whole non-streamed JSON response body, decoded and restored by `restoreDocument` when it
 * must be. Returns `body` itself (same bytes) when it holds no token, is not JSON, or nothing in it changed.
 */
export function restoreJsonResponse(restoreDocument: DocumentRestore, body: string, lookup: Lookup): string;
/** With `sliced`: a large body in the raw-text case is restored in slices (see sliced.ts). */
export function restoreJsonResponse(restoreDocument: DocumentRestore, body: string, lookup: Lookup, sliced: true): string | Promise<string>;
export function restoreJsonResponse(restoreDocument: DocumentRestore, body: string, lookup: Lookup, sliced = false): string | Promise<string> {
  if (!MAY_HOLD_TOKEN.test(body)) return body;
  // Every string in the raw body sits at one level of JSON escaping, except tool-call `arguments`
  // (JSON text inside a JSON string) and bracket-escaping encoders: without those, the placeholders
  // are replaced in the raw text with JSON-escaped values, with no parse and no re-serialisation.
  if (!ESCAPED_BRACKET.test(body) && !body.includes('"arguments"')) {
    return sliced && body.length >= SLICED_RESTORE_CHARS ? restoreTextInSlices(body, lookup, true) : restoreText(body, lookup, true);
  }
  return restoreParsed(restoreDocument, body, lookup);
}

/** The document path: parsed, restored by the shape and serialised again; `body` itself when not JSON or unchanged. */
function restoreParsed(restoreDocument: DocumentRestore, body: string, lookup: Lookup): string {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return body;
  }
  const out = restoreDocument(doc, lookup);
  return out === undefined ? body : JSON.stringify(out);
}

/**
 * restoreJsonResponse for a large body decoded in pieces: the raw-text case (nearly every large
 * body) is restored piece by piece and answered in pieces, `pieces` itself when nothing changed; a
 * body that needs the document restored is joined and restored whole, as restoreJsonResponse does.
 */
export async function restoreJsonPieces(restoreDocument: DocumentRestore, pieces: TextPieces, lookup: Lookup, slicer = new Slicer()): Promise<TextPieces | string> {
  if (!(await anyPieceMatches(pieces, MAY_HOLD_TOKEN, slicer))) return pieces;
  if (!(await anyPieceMatches(pieces, ESCAPED_BRACKET, slicer)) && !(await anyPieceMatches(pieces, ARGUMENTS, slicer))) return restorePiecesInSlices(pieces, lookup, true, slicer);
  // Checked above already: only the document path is left, so the joined text is not searched again.
  const body = pieces.join('');
  const out = restoreParsed(restoreDocument, body, lookup);
  return out === body ? pieces : out;
}
