import { TOKEN_RE } from '../vault/placeholder.js';

/** The value a placeholder stands for in this exchange's scope, or undefined (then it stays as is). */
export type Lookup = (placeholder: string) => string | undefined;

/**
 * Put values back in place of this scope's placeholders and undo input escaping, in one left-to-right
 * pass, so a restored value is never scanned again. `json`: the text is raw JSON (tool-call
 * arguments), so values are JSON-string-escaped. Returns `text` itself when nothing changed.
 */
export function restoreText(text: string, lookup: Lookup, json = false): string {
  if (text.indexOf('[[') === -1) return text;
  let changed = false;
  const out = text.replace(TOKEN_RE, (token: string, tildes: string, body: string) => {
    if (tildes !== '') {
      changed = true;
      return `[[${tildes.slice(1)}${body}]]`;
    }
    const value = lookup(token);
    if (value === undefined) return token;
    changed = true;
    return json ? jsonStringBody(value) : value;
  });
  return changed ? out : text;
}

/** `value` as it appears between the quotes of a JSON string literal. */
export const jsonStringBody = (value: string): string => JSON.stringify(value).slice(1, -1);
