import { BASE64, FEATURE_DASH, FEATURE_UPPER, is } from '../chars.js';
import type { Detector, Emit } from '../detector.js';

// "BEGIN " rather than "-----BEGIN ": V8 finds a rare first character faster; dashes checked in code.
const ANCHOR = 'BEGIN ';
const DASHES = '-----';
// The label between BEGIN and the dashes: "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PGP PRIVATE KEY BLOCK".
const LABEL = /[A-Z0-9 ]{0,40}?PRIVATE KEY(?: BLOCK)?-----/y;
const MAX_UNTERMINATED = 16384;

/** Base64 body characters, `=` padding, and line breaks, raw or JSON-escaped (`\n`). */
function isBodyChar(c: number): boolean {
  return is(c, BASE64) || c === 61 || c === 10 || c === 13 || c === 92;
}

/**
 * Reads the PEM private key whose "BEGIN " is at `begin`, from the BEGIN line through the matching
 * END line, and returns where the search resumes. A block whose END line is missing (truncated
 * paste) is still redacted, through the end of its base64 body. Where an END line was searched for
 * and not found, that is remembered in `noEndAfter`, so many BEGIN lines stay linear.
 */
function readBlock(text: string, begin: number, noEndAfter: Map<string, number>, emit: Emit): number {
  const start = begin - DASHES.length;
  if (start < 0 || !text.startsWith(DASHES, start)) return begin + 1;
  LABEL.lastIndex = begin + ANCHOR.length;
  if (LABEL.exec(text) === null) return begin + 1;
  const headerEnd = LABEL.lastIndex;
  const footer = `-----END ${text.slice(begin + ANCHOR.length, headerEnd)}`;
  let endAt = -1;
  if (!noEndAfter.has(footer)) {
    endAt = text.indexOf(footer, headerEnd);
    if (endAt < 0) noEndAfter.set(footer, headerEnd);
  }
  if (endAt >= 0) {
    emit(start, endAt + footer.length);
    return endAt + footer.length;
  }
  let end = headerEnd;
  const limit = Math.min(text.length, headerEnd + MAX_UNTERMINATED);
  while (end < limit && isBodyChar(text.charCodeAt(end))) end++;
  emit(start, end);
  return end;
}

function find(text: string, emit: Emit): void {
  const noEndAfter = new Map<string, number>();
  let i = text.indexOf(ANCHOR);
  while (i !== -1) i = text.indexOf(ANCHOR, Math.max(i + 1, readBlock(text, i, noEndAfter, emit)));
}

export const privateKey: Detector = {
  id: 'private-key',
  category: 'secret',
  kind: 'PRIVATE_KEY',
  anchor: '`-----BEGIN `; label ending PRIVATE KEY (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP … BLOCK), whole block to the matching END line',
  patterns: [LABEL],
  minLength: 30,
  requires: FEATURE_DASH | FEATURE_UPPER,
  find,
};
