import { TOKEN_RE } from '../../vault/placeholder.js';

/**
 * The value a placeholder stands for, if this exchange showed it to the model; undefined otherwise
 * (then restoration marks it instead, see `restoreText`).
 */
export type Lookup = (placeholder: string) => string | undefined;

/**
 * Put values back in place of the placeholders this exchange showed the model and undo input
 * escaping, in one left-to-right pass, so a restored value is never scanned again. A placeholder
 * the exchange did not show (an upstream repeating an old one, or making one up) is marked with
 * one `~`, the same escape client text gets on the way in (docs/placeholders.md): it reaches the
 * client as text that cannot be taken for a live placeholder, and sent back it stays text.
 * `json`: the text is raw JSON (tool-call arguments), so values are JSON-string-escaped.
 * Returns `text` itself when nothing changed.
 */
export function restoreText(text: string, lookup: Lookup, json = false): string {
  if (text.indexOf('[[') === -1) return text;
  let changed = false;
  const out = text.replace(TOKEN_RE, (token: string, tildes: string, body: string) => {
    changed = true;
    if (tildes !== '') return `[[${tildes.slice(1)}${body}]]`;
    const value = lookup(token);
    if (value === undefined) return `[[~${body}]]`;
    return json ? jsonStringBody(value) : value;
  });
  return changed ? out : text;
}

/** `value` as it appears between the quotes of a JSON string literal. */
export const jsonStringBody = (value: string): string => JSON.stringify(value).slice(1, -1);
