import { FEATURE_COLON, HEX, WORD, at, runStart } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { reportableIpv4 } from './ipv4.js';

// Every candidate has a colon right after a 1–4 hex group at a word start ("2001:", "fe80:").
// Finding ':' with indexOf and checking around it in code is ~3x faster than any regex tried.
const ANCHOR = ':';
const MAX_CHARS = 45;
const DOTTED_QUAD = /^(?:\d{1,3}\.){3}\d{1,3}$/;

function isAddressChar(c: string): boolean {
  return at(c, 0, HEX) || c === ':' || c === '.';
}

/** Hex groups of an IPv6 address (an embedded dotted IPv4 tail counts as two), or -1 when malformed. */
function groupCount(parts: string[]): number {
  let count = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i === parts.length - 1 && p.includes('.')) {
      if (!DOTTED_QUAD.test(p) || !reportableIpv4(p)) return -1;
      count += 2;
    } else if (p.length === 0 || p.length > 4 || p.includes('.')) {
      return -1;
    } else {
      count++;
    }
  }
  return count;
}

/**
 * A full (8 groups) or `::`-compressed address. Compressed ones need three groups, so C++/Rust
 * paths like `a::b` stay code. Loopback, unspecified and link-local (fe80::/10) are not reported.
 */
export function reportableIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const heads = groupCount(head);
  const tails = groupCount(tail);
  if (heads < 0 || tails < 0) return false;
  if (halves.length === 1 ? heads !== 8 : heads + tails > 7 || heads + tails < 3) return false;
  const first = parseInt(head[0] ?? '0', 16);
  return (first & 0xffc0) !== 0xfe80;
}

/** Reads the address around the colon at `colon`; returns where the search resumes. */
function readAt(text: string, colon: number, emit: Emit): number {
  // Most colons in code and prose are followed by a space: a cheap reject before reading backwards.
  if (!at(text, colon - 1, HEX) || (!at(text, colon + 1, HEX) && text[colon + 1] !== ':')) return colon + 1;
  const start = runStart(text, colon, HEX, 4);
  if (at(text, start - 1, WORD) || text[start - 1] === ':' || text[start - 1] === '.') return colon + 1;
  let end = start;
  let colons = 0;
  const limit = Math.min(text.length, start + MAX_CHARS + 1);
  for (; end < limit && isAddressChar(text[end]); end++) if (text[end] === ':') colons++;
  // Three groups need two colons ("2001:db8::1" has three); fewer is a time, a label or a drive.
  if (colons < 2) return end;
  if (end === limit && end < text.length && isAddressChar(text[end])) return end;
  // A trailing single colon or dot is punctuation ("at 2001:db8::1." / "fe80::1:"), not address.
  while (end > start && (text[end - 1] === '.' || (text[end - 1] === ':' && text[end - 2] !== ':'))) end--;
  if (!at(text, end, WORD) && reportableIpv6(text.slice(start, end))) emit(start, end);
  // Trimming can end before the colon ("C:\\"); the search must still move past it.
  return Math.max(end, colon + 1);
}

function find(text: string, emit: Emit): void {
  let i = text.indexOf(ANCHOR);
  while (i !== -1) i = text.indexOf(ANCHOR, Math.max(i + 1, readAt(text, i, emit)));
}

export const ipv6: Detector = {
  id: 'ipv6',
  category: 'pii',
  kind: 'IP',
  anchor: '`:` after a 1–4 hex group at a word start (indexOf); full or `::`-compressed (≥ 3 groups) address, optional IPv4 tail; no loopback/link-local',
  patterns: [DOTTED_QUAD],
  minLength: 7,
  requires: FEATURE_COLON,
  find,
};
