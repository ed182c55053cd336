import { ALNUM, BASE64URL, DIGIT, DOT, FEATURE_EQUALS, LOWER, UPPER, is, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { entropy } from './assignment-value.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// Credentials in a query string: `?access_token=…`, `&sig=…` (Azure SAS, Power Automate), `key=`,
// presigned S3/GCS URLs (`X-Amz-Signature`, `X-Goog-Signature`, `X-Amz-Security-Token`). Found from
// each `?` (rare outside URLs and questions), with or without a scheme: access logs print
// `GET /path?token=… HTTP/1.1`. Only the value is reported, percent-encoding and all.
const NAME = BASE64URL | DOT;
/** What ends a value: `&`, `#`, whitespace, quotes, brackets and other characters a URL does not hold raw. */
const VALUE_END = new Set([...'&# \t\r\n"\'`<>\\()[]{}|^'].map((c) => c.charCodeAt(0)));
const TRAILING = new Set(['.', ',', ';', ':', '!', '?']);
const MAX_NAME = 40;
const MAX_VALUE = 4096;
const MAX_PARAMS = 64;

const PASSWORDS = new Set(['password', 'passwd', 'pass', 'pwd']);
const TOKENS = new Set([
  'access_token', 'refresh_token', 'id_token', 'token', 'auth_token', 'api_token', 'apitoken', 'apikey', 'api_key', 'api-key',
  'key', 'sig', 'signature', 'x-amz-signature', 'x-amz-security-token', 'x-goog-signature', 'client_secret', 'secret',
  'private_token', 'private-token', 'session', 'sessionid', 'session_id', 'jwt', 'auth', 'code_verifier',
]);

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function looksSecret(raw: string, password: boolean): boolean {
  const value = decode(raw);
  if (value.length < (password ? 8 : 16) || isPlaceholderValue(value) || value.includes('${') || value.includes('{{')) return false;
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    seen |= is(c, DIGIT) ? 1 : is(c, UPPER | LOWER) ? 2 : 0;
  }
  if (password) return seen !== 0 && entropy(value) >= 2.5;
  return seen === 3 && entropy(value) >= 3;
}

/** Reads the parameters after the `?` at `q`; reports credential values; returns where the query ends. */
function readQuery(text: string, q: number, emit: Emit): number {
  let i = q + 1;
  for (let n = 0; n < MAX_PARAMS; n++) {
    const nameEnd = runEnd(text, i, NAME, MAX_NAME + 1);
    if (nameEnd === i || nameEnd - i > MAX_NAME || text[nameEnd] !== '=') return nameEnd;
    const limit = Math.min(text.length, nameEnd + 1 + MAX_VALUE);
    let valueEnd = nameEnd + 1;
    while (valueEnd < limit && text.charCodeAt(valueEnd) < 0x80 && !VALUE_END.has(text.charCodeAt(valueEnd))) valueEnd++;
    // Prose punctuation after a URL is not part of it.
    let reported = valueEnd;
    while (reported > nameEnd + 1 && TRAILING.has(text[reported - 1]!)) reported--;
    const name = text.slice(i, nameEnd).toLowerCase();
    const password = PASSWORDS.has(name);
    if ((password || TOKENS.has(name)) && reported > nameEnd + 1 && looksSecret(text.slice(nameEnd + 1, reported), password)) {
      emit(nameEnd + 1, reported, password ? 'PASSWORD' : 'URL_SECRET');
    }
    // `&` separates parameters; HTML-escaped `&amp;` too.
    if (text[valueEnd] !== '&') return valueEnd;
    i = text.startsWith('amp;', valueEnd + 1) ? valueEnd + 5 : valueEnd + 1;
    if (!is(text.charCodeAt(i), ALNUM) && text[i] !== '_' && text[i] !== '-') return i;
  }
  return i;
}

function find(text: string, emit: Emit): void {
  let i = text.indexOf('?');
  while (i !== -1) i = text.indexOf('?', Math.max(i + 1, readQuery(text, i, emit)));
}

export const urlQuerySecret: Detector = {
  id: 'url-query-secret',
  category: 'secret',
  kind: 'URL_SECRET',
  anchor: '`?` (indexOf), then `name=value` pairs split by `&`; names such as `access_token`, `token`, `key`, `sig`, `X-Amz-Signature`, `client_secret`, `password`; only the value',
  patterns: [...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 20,
  requires: FEATURE_EQUALS,
  find,
};
