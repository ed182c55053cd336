import { FEATURE_AT, FEATURE_COLON, FEATURE_SLASH } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

const ANCHOR = '://';
const MAX_USERINFO = 512;
// Characters that end the authority part of a URL, so an '@' past them is not a login.
const AUTHORITY_END = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '"', "'", '`', '<', '>', '\\', '(', ')', '[', ']', '{', '}']);

/**
 * `scheme://user:PASSWORD@host`: only the password is reported, so the user and host stay readable.
 * The last '@' before the path wins, because unencoded '@' inside passwords is common in practice.
 * Returns where the search resumes: the end of the authority.
 */
function readAuthority(text: string, from: number, emit: Emit): number {
  const limit = Math.min(text.length, from + MAX_USERINFO);
  let colon = -1;
  let lastAt = -1;
  let i = from;
  for (; i < limit && !AUTHORITY_END.has(text[i]); i++) {
    if (text[i] === ':' && colon < 0 && lastAt < 0) colon = i;
    else if (text[i] === '@') lastAt = i;
  }
  if (colon >= 0 && lastAt > colon + 1 && lastAt + 1 < i && !isPlaceholderValue(text.slice(colon + 1, lastAt))) {
    emit(colon + 1, lastAt);
  }
  return i;
}

function find(text: string, emit: Emit, ctx: ScanContext): void {
  let resume = 0;
  for (const i of ctx.schemeSeparators()) if (i >= resume) resume = readAuthority(text, i + ANCHOR.length, emit);
}

export const urlCredential: Detector = {
  id: 'url-credential',
  category: 'secret',
  kind: 'PASSWORD',
  anchor: '`://`; `user:password@host` before the path, only the password; env refs/templates/dummy words skipped',
  patterns: [...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 9,
  requires: FEATURE_COLON | FEATURE_SLASH | FEATURE_AT,
  find,
};
