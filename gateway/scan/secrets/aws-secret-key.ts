import { BASE64, FEATURE_DIGIT, FEATURE_LOWER, FEATURE_UPPER, at, is, runEnd } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';
import { mixedCaseAndDigits } from './prefixed-token.js';

// Context that says an AWS secret follows: an access key id, or a credential key name
// (aws_secret_access_key, SecretAccessKey, aws_access_key_id, AWS_SECRET…). Searched by their
// rarer middle ("ccess", "ws_secret") because V8 scans for a rare first character faster.
const CONTEXT = /AKIA|ASIA|ccess_?[Kk]ey|CCESS_?KEY|ws_?[Ss]ecret|WS_?SECRET/g;
const WINDOW = 200;
const SECRET_LENGTH = 40;

/**
 * A bare 40-char base64 string is everywhere (hashes, ids), so it is reported only within
 * WINDOW chars after such context: credentials files, CSV exports, STS JSON, env files.
 */
/** Scans [from, limit) for one 40-char secret; returns its end, or -1 after scanning it all. */
function scanWindow(text: string, from: number, limit: number, emit: Emit): number {
  for (let i = from; i < limit; ) {
    if (!is(text.charCodeAt(i), BASE64)) {
      i++;
      continue;
    }
    const start = i;
    const end = runEnd(text, i, BASE64, SECRET_LENGTH + 1);
    // Skip the rest of a longer run without reading past the window, so work per context is bounded.
    i = end - start > SECRET_LENGTH ? runEnd(text, end, BASE64, Math.max(0, limit - end)) : end;
    if (end - start !== SECRET_LENGTH || at(text, start - 1, BASE64) || text[end] === '=') continue;
    if (!mixedCaseAndDigits(text.slice(start, end))) continue;
    emit(start, end);
    return end;
  }
  return -1;
}

function find(text: string, emit: Emit): void {
  // Windows of nearby contexts overlap; what one window already scanned is not scanned again.
  let scannedUpTo = 0;
  CONTEXT.lastIndex = 0;
  for (let m = CONTEXT.exec(text); m !== null; m = CONTEXT.exec(text)) {
    const from = m.index + m[0].length;
    const limit = Math.min(text.length, from + WINDOW);
    const found = scanWindow(text, Math.max(from, scannedUpTo), limit, emit);
    scannedUpTo = found < 0 ? Math.max(scannedUpTo, limit) : found;
    if (found >= 0) resumeAt(CONTEXT, m, found);
  }
}

export const awsSecretKey: Detector = {
  id: 'aws-secret-key',
  category: 'secret',
  kind: 'AWS_SECRET',
  anchor: '`AKIA`/`ASIA` or an `…access_key`/`aws_secret`-like name, then a 40-char base64 run (mixed case + digits) within 200 chars',
  patterns: [CONTEXT],
  minLength: 44,
  requires: FEATURE_DIGIT | FEATURE_UPPER | FEATURE_LOWER,
  find,
};
