import { createHmac } from 'node:crypto';

/**
 * The placeholder format `[[KIND_XXXXXXXX]]` (see docs/placeholders.md for why): KIND is
 * `[A-Z][A-Z0-9_]{0,31}`, XXXXXXXX is 8 Crockford base32 characters of a keyed hash of
 * (scope, kind, value). Pure: no I/O, patterns compiled once at load.
 */
export const KIND_MAX = 32;
export const CODE_LENGTH = 8;
/** Most `~` an escaped input token may carry; see `escapeInput`. */
export const MAX_ESCAPE_TILDES = 16;
/** Longest token (escaped, longest kind): `[[` + 16 `~` + 32 + `_` + 8 + `]]`. */
export const MAX_TOKEN_LENGTH = 2 + MAX_ESCAPE_TILDES + KIND_MAX + 1 + CODE_LENGTH + 2;

/** Crockford base32: no I, L, O, U, so a model copying it cannot confuse 1/I/L or 0/O. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE = '[0-9A-HJKMNP-TV-Z]';
const KIND = `[A-Z][A-Z0-9_]{0,${KIND_MAX - 1}}`;

/** A placeholder this gateway could have minted (anchored). */
export const PLACEHOLDER_RE = new RegExp(`^\\[\\[${KIND}_${CODE}{${CODE_LENGTH}}\\]\\]$`);
/**
 * Every token restoration acts on, left to right: group 1 the `~` run (empty for a placeholder,
 * non-empty for escaped input text), group 2 `KIND_CODE`. Tokens cannot overlap: `[` only opens one.
 */
export const TOKEN_RE = new RegExp(
  `\\[\\[(~{0,${MAX_ESCAPE_TILDES}})(${KIND}_${CODE}{${CODE_LENGTH}})\\]\\]`,
  'g',
);
const ESCAPE_RE = new RegExp(`\\[\\[(~{0,${MAX_ESCAPE_TILDES - 1}}${KIND}_${CODE}{${CODE_LENGTH}}\\]\\])`, 'g');
const KIND_BAD_CHARS = /[^A-Z0-9_]/g;

export type MintFn = (hmacKey: Buffer, scope: string, kind: string, value: string, attempt?: number) => string;

/**
 * Derive the placeholder for `value` of `kind` in `scope`. `attempt` > 0 re-hashes with a counter
 * suffix; the vault uses it when a different value already holds the attempt-0 placeholder.
 */
export const mintPlaceholder: MintFn = (hmacKey, scope, kind, value, attempt = 0) => {
  const safeKind = normalizeKind(kind);
  const mac = createHmac('sha256', hmacKey).update(scope).update('\0').update(safeKind).update('\0').update(value);
  if (attempt > 0) mac.update(`\0${attempt}`);
  return formatPlaceholder(safeKind, encodeCode(mac.digest()));
};

export const formatPlaceholder = (kind: string, code: string): string => `[[${kind}_${code}]]`;

/** The first 40 bits of `bytes` as 8 Crockford base32 characters. */
export function encodeCode(bytes: Uint8Array): string {
  let bits = 0;
  for (let i = 0; i < 5; i++) bits = bits * 256 + bytes[i]!;
  let out = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) out += CROCKFORD[Math.floor(bits / 32 ** i) % 32];
  return out;
}

/** Map any detector-supplied kind onto `[A-Z][A-Z0-9_]{0,31}` so minted tokens always parse. */
export function normalizeKind(kind: string): string {
  let k = kind.toUpperCase().replace(KIND_BAD_CHARS, '_');
  if (k === '') k = 'REDACTED';
  else if (k.charCodeAt(0) < 65 || k.charCodeAt(0) > 90) k = `X${k}`;
  return k.slice(0, KIND_MAX);
}

export const isPlaceholder = (text: string): boolean => PLACEHOLDER_RE.test(text);

/** The kind a placeholder names (`[[AWS_KEY_0123ABCD]]` → `AWS_KEY`). */
export const placeholderKind = (placeholder: string): string => placeholder.slice(2, -(CODE_LENGTH + 3));

/**
 * Escape placeholder-shaped input so upstream never sees a token this gateway could restore:
 * `[[` + n×`~` + `KIND_CODE]]` gains one `~` (n < 16). `unescape` in restoration removes it again,
 * so the client gets its own text back. Returns `text` itself when there is nothing to escape.
 */
export function escapeInput(text: string): string {
  if (text.indexOf('[[') === -1) return text;
  return text.replace(ESCAPE_RE, '[[~$1');
}

/** Inverse of `escapeInput` (restoration does the same inside its single pass). */
export function unescapeOutput(text: string): string {
  if (text.indexOf('[[') === -1) return text;
  return text.replace(TOKEN_RE, (m, tildes: string, body: string) => (tildes === '' ? m : `[[${tildes.slice(1)}${body}]]`));
}

/** Distinct placeholders (not escaped tokens) in `text`, for warming the vault before restoring. */
export function findPlaceholders(text: string): string[] {
  if (text.indexOf('[[') === -1) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(TOKEN_RE)) if (m[1] === '') found.add(m[0]);
  return [...found];
}
