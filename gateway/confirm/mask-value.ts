import { visible } from './visible.js';

/**
 * How a detected value appears in a confirmation preview: enough for the user to recognise which
 * email, card or key it is, never enough to recover it. `j***@e***.com`, `sk-proj-…Q9f`,
 * `**** **** **** 4242`, `[PRIVATE_KEY, 1.7 KB]`.
 */

/** Published vendor prefixes: they identify the issuer and are no secret. Compiled once. */
const PUBLIC_PREFIX =
  /^(?:sk-ant-[a-z]{1,10}\d{0,3}-|sk-(?:proj|svcacct|admin)-|sk-|gh[pousr]_|github_pat_|xox[abposr]-|(?:sk|rk|pk)_(?:live|test)_|A(?:KIA|SIA|BIA|CCA)|AIza|glpat-|eyJ)/;
/** Keys whose tail is random: the last 3 characters tell keys apart and reveal ~18 bits of 100+. */
const TOKEN_KINDS = new Set(['OPENAI_KEY', 'ANTHROPIC_KEY', 'GITHUB_TOKEN', 'STRIPE_KEY', 'SLACK_TOKEN', 'GOOGLE_KEY', 'AWS_KEY', 'AWS_SECRET', 'JWT']);
const MIN_TOKEN_CHARS = 20;
const TAIL = 3;

/** Identity numbers keep their last digits (and IBAN its country), as printed receipts do. */
const KEEP_LAST: Readonly<Record<string, number>> = { CARD: 4, IBAN: 4, PHONE: 2, SSN: 4, CN_ID: 4 };
const ALNUM = /[A-Za-z0-9]/;
const NOT_ALNUM = /[^A-Za-z0-9]/g;
const LONG_VALUE = 256;

function size(value: string): string {
  const bytes = Buffer.byteLength(value);
  return bytes < 1024 ? `${value.length} chars` : `${(bytes / 1024).toFixed(1)} KB`;
}

const opaque = (kind: string, value: string): string => `[${kind}, ${size(value)}]`;

const firstChar = (s: string, i: number): string => String.fromCodePoint(s.codePointAt(i)!);

function maskEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  const dot = value.lastIndexOf('.');
  if (at < 1 || dot < at + 2 || dot === value.length - 1) return undefined;
  return `${firstChar(value, 0)}***@${firstChar(value, at + 1)}***${value.slice(dot)}`;
}

function maskToken(value: string): string | undefined {
  if (value.length < MIN_TOKEN_CHARS) return undefined;
  const prefix = PUBLIC_PREFIX.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-TAIL)}`;
}

/** Every letter and digit becomes `*` except the last `keep` (and IBAN's country code); separators stay. */
function maskDigits(value: string, keep: number, keepFirst: number): string {
  let alnumLeft = 0;
  for (const ch of value) if (ALNUM.test(ch)) alnumLeft++;
  let seen = 0;
  let out = '';
  for (const ch of value) {
    if (!ALNUM.test(ch)) {
      out += ch;
      continue;
    }
    out += seen < keepFirst || alnumLeft - seen <= keep ? ch : '*';
    seen++;
  }
  return out;
}

export function maskValue(value: string, kind: string): string {
  if (value.length > LONG_VALUE || kind === 'PRIVATE_KEY') return opaque(kind, value);
  let masked: string | undefined;
  if (kind === 'EMAIL') masked = maskEmail(value);
  else if (TOKEN_KINDS.has(kind)) masked = maskToken(value);
  else if (kind in KEEP_LAST) {
    const keep = KEEP_LAST[kind]!;
    const alnum = value.replace(NOT_ALNUM, '').length;
    // Short numbers would be mostly shown; only long ones keep their tail.
    if (alnum >= keep * 2 + 2) masked = maskDigits(value, keep, kind === 'IBAN' ? 2 : 0);
  }
  return visible(masked ?? opaque(kind, value));
}
