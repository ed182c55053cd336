import { ALNUM, DASH, DOT, FEATURE_AT, FEATURE_DOT, is, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;
const LOCAL_EXTRA = new Set(['.', '_', '%', '+', '-'].map((c) => c.charCodeAt(0)));
const DOMAIN = ALNUM | DASH | DOT;
const TLD = /^[A-Za-z]+$/;
// File names like icon@2x.png and package@1.2.3 are common in code; these are not real TLDs.
const FILE_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'avif', 'js', 'mjs', 'cjs', 'ts', 'tsx',
  'jsx', 'css', 'scss', 'less', 'json', 'map', 'html', 'htm', 'lock', 'yml', 'yaml', 'txt', 'log',
  'vue', 'svelte', 'wasm', 'toml', 'ini', 'cfg', 'conf', 'env', 'bak', 'tmp', 'old', 'orig',
]);
// `git@github.com:org/repo` is an SSH login, not a person's address.
const SERVICE_USERS = new Set(['git']);

function isLocalChar(c: number): boolean {
  return is(c, ALNUM) || LOCAL_EXTRA.has(c);
}

function localStart(text: string, at: number): number {
  let i = at;
  const limit = Math.max(0, at - LOCAL_MAX);
  while (i > limit && isLocalChar(text.charCodeAt(i - 1))) i--;
  return i > 0 && i === limit && isLocalChar(text.charCodeAt(i - 1)) ? -1 : i;
}

function validLocal(local: string): boolean {
  return local.length > 0 && local[0] !== '.' && !local.endsWith('.') && !local.includes('..') && !SERVICE_USERS.has(local);
}

function validDomain(domain: string): boolean {
  if (!domain.includes('.')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label[0] === '-' || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1];
  return tld.length >= 2 && tld.length <= 24 && TLD.test(tld) && !FILE_EXTENSIONS.has(tld.toLowerCase());
}

/** Anchored on `@`: expands the local part left and the domain right, then validates both in code. */
function find(text: string, emit: Emit): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const start = localStart(text, at);
    if (start < 0 || start === at) continue;
    let end = runEnd(text, at + 1, DOMAIN, DOMAIN_MAX + 1);
    if (end - at - 1 > DOMAIN_MAX) continue;
    // A sentence may end right after the address: "mail jane@example.com."
    while (end > at + 1 && !is(text.charCodeAt(end - 1), ALNUM)) end--;
    // Domain first: most '@' in code are decorators, scopes and versions without a dotted domain.
    if (!validDomain(text.slice(at + 1, end)) || !validLocal(text.slice(start, at))) continue;
    emit(start, end);
  }
}

export const email: Detector = {
  id: 'email',
  category: 'pii',
  kind: 'EMAIL',
  anchor: '`@` (indexOf); local part ≤ 64 chars, domain ≤ 253 with ≥ 2 labels and an alphabetic TLD',
  patterns: [TLD],
  minLength: 6,
  requires: FEATURE_AT | FEATURE_DOT,
  find,
};
