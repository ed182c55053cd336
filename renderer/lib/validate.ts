/**
 * Client-side checks that mirror the gateway's schema (gateway/config/schema.ts, the admin
 * contract), so most mistakes are named before a round trip. The server checks again and its
 * field-named 400s are shown the same way. Each returns an error message, or undefined when valid.
 */
export type Check = string | undefined;

const CONTROL = /[\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex -- control characters are what is refused
const BASE_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;
const PRINTABLE_NO_SPACE = /^[\x21-\x7e]+$/;
const KIND = /^[A-Z][A-Z0-9_]{0,31}$/;

export function checkLabel(value: string): Check {
  const v = value.trim();
  if (!v) return 'Required';
  if (v.length > 100) return 'At most 100 characters';
  if (CONTROL.test(v)) return 'No control characters';
  return undefined;
}

export function checkBaseUrl(value: string): Check {
  if (!value.trim()) return 'Required';
  if (!BASE_URL.test(value.trim())) return 'An http:// or https:// URL without query or fragment';
  return undefined;
}

export function checkProviderKey(value: string): Check {
  if (!value) return 'Paste the key to store';
  if (value.length > 4096) return 'At most 4096 characters';
  if (!PRINTABLE_NO_SPACE.test(value)) return 'Printable ASCII without spaces (it is sent in a header)';
  return undefined;
}

export function checkInt(value: string, min: number, max: number): Check {
  if (!value.trim()) return 'Required';
  const n = Number(value);
  if (!Number.isInteger(n)) return 'A whole number';
  if (n < min || n > max) return `Between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`;
  return undefined;
}

export interface DenyTermDraft {
  pattern: string;
  regex?: boolean;
  caseSensitive?: boolean;
  wholeWord?: boolean;
  kind?: string;
}

/** The same checks the scanner makes when it compiles a term, except the ReDoS analysis (server-side). */
export function checkDenyTerm(term: DenyTermDraft): { pattern?: string; kind?: string } {
  const out: { pattern?: string; kind?: string } = {};
  if (!term.pattern) out.pattern = 'Required';
  else if (term.pattern.length > 1000) out.pattern = 'At most 1000 characters';
  else if (term.regex) {
    const flags = term.caseSensitive ? 'g' : 'gi';
    try {
      new RegExp(term.pattern, flags);
      if (new RegExp(`^(?:${term.pattern})$`, flags).test('')) out.pattern = 'This pattern matches empty text';
    } catch (err) {
      out.pattern = `Not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`;
    }
  }
  if (term.kind && !KIND.test(term.kind)) out.kind = 'Capital letters, digits and _, starting with a letter (e.g. CODENAME)';
  return out;
}

export function checkAllowEntry(value: string): Check {
  if (!value) return 'Empty entry';
  if (value.length > 10_000) return 'At most 10,000 characters';
  return undefined;
}
