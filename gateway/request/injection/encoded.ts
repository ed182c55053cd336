import { findPhrases, type PhraseHit } from './phrases.js';

/**
 * Instructions hidden in base64 or hex: decode bounded candidate runs and re-run the phrase checks on
 * the decoded text. Random identifiers, hashes and media decode to bytes that are not mostly-printable
 * UTF-8, so they are dropped before any phrase check. Work is capped per text, not per candidate.
 */

/** base64 and base64url alphabets (hex digits are a subset); a run shorter than 24 encodes < 18 bytes. */
const CANDIDATE = /[A-Za-z0-9+/_-]{24,8192}={0,2}/g;
const HEX_ONLY = /^[0-9a-fA-F]+$/;
const B64_CHAR = /[A-Za-z0-9+/_-]/;
const PADDING = /={1,2}$/;
const MAX_CANDIDATES = 64;
const MAX_DECODED_CHARS = 256 * 1024;
const MIN_PRINTABLE = 0.9;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface EncodedHit {
  readonly encoding: 'base64' | 'hex';
  readonly start: number;
  readonly end: number;
  readonly hits: readonly PhraseHit[];
}

function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) printable += 1;
  }
  return text.length > 0 && printable / text.length >= MIN_PRINTABLE ? text : undefined;
}

function decodeCandidate(run: string): { encoding: 'base64' | 'hex'; text: string } | undefined {
  const bare = run.replace(PADDING, '');
  if (HEX_ONLY.test(bare) && bare.length % 2 === 0) {
    const text = decodeText(Buffer.from(bare, 'hex'));
    if (text !== undefined) return { encoding: 'hex', text };
  }
  // A length of 4n+1 cannot be base64; drop the stray character rather than the whole run.
  const usable = bare.length % 4 === 1 ? bare.slice(0, -1) : bare;
  const text = decodeText(Buffer.from(usable, 'base64'));
  return text === undefined ? undefined : { encoding: 'base64', text };
}

export function findEncodedInstructions(text: string): EncodedHit[] {
  const out: EncodedHit[] = [];
  let candidates = 0;
  let decoded = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    let end = m.index + m[0].length;
    // A run longer than the cap is a blob (an image, a bundle), not a smuggled sentence: skip all of it.
    if (m[0].length >= 8192 && B64_CHAR.test(text[end] ?? '')) {
      while (end < text.length && B64_CHAR.test(text[end]!)) end += 1;
      CANDIDATE.lastIndex = end;
      continue;
    }
    if (++candidates > MAX_CANDIDATES || decoded > MAX_DECODED_CHARS) break;
    const result = decodeCandidate(m[0]);
    if (result === undefined) continue;
    decoded += result.text.length;
    const hits = findPhrases(result.text);
    if (hits.length > 0) out.push({ encoding: result.encoding, start: m.index, end, hits });
  }
  return out;
}

export const ENCODED_PATTERNS: readonly RegExp[] = [CANDIDATE, HEX_ONLY, B64_CHAR, PADDING];
