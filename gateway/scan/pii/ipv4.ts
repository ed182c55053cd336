import { DIGIT, DOT, FEATURE_DIGIT, FEATURE_DOT, WORD, at, runEnd, runStart } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';

// The dotted middle of an address: "2.168.1.1" inside "192.168.1.1". Starting with a fixed
// digit-dot pair keeps V8's Boyer-Moore skip effective; octet edges and boundaries are read in code.
const ANCHOR = /\d\.\d\d?\d?\.\d\d?\d?\.\d/g;

/**
 * Octets 0–255 without leading zeros (those read as versions or dates), and not an address that
 * identifies nobody: 0/8 (this network), 127/8 (loopback), 169.254/16 (link-local), 255/8 (masks,
 * broadcast).
 */
export function reportableIpv4(s: string): boolean {
  const octets = s.split('.');
  if (octets.length !== 4) return false;
  for (const o of octets) {
    if (o.length === 0 || o.length > 3 || (o.length > 1 && o[0] === '0') || Number(o) > 255) return false;
  }
  const [a, b] = octets.map(Number);
  return a !== 0 && a !== 127 && a !== 255 && !(a === 169 && b === 254);
}

function find(text: string, emit: Emit): void {
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const start = runStart(text, m.index + 1, DIGIT, 4);
    const end = runEnd(text, m.index + m[0].length, DIGIT, 3);
    // Part of a word or a longer dotted number (OID, 5-part version): skip the whole dotted run.
    if (at(text, start - 1, WORD | DOT) || at(text, end, WORD) || (text[end] === '.' && at(text, end + 1, DIGIT))) {
      resumeAt(ANCHOR, m, runEnd(text, end, DIGIT | DOT));
      continue;
    }
    if (reportableIpv4(text.slice(start, end))) emit(start, end);
    resumeAt(ANCHOR, m, end);
  }
}

export const ipv4: Detector = {
  id: 'ipv4',
  category: 'pii',
  kind: 'IP',
  anchor: 'digit-dot-digits-dot-digits-dot-digit; four octets 0–255 with clean boundaries, no loopback/unspecified/link-local',
  patterns: [ANCHOR],
  minLength: 7,
  requires: FEATURE_DIGIT | FEATURE_DOT,
  find,
};
