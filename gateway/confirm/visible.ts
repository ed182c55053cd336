/**
 * Shows characters a reader cannot see as `<U+202E>`: bidi overrides and marks, zero-width and tag
 * characters, C0/C1 controls (tab and newline are kept), soft hyphens, lone surrogates. A preview must
 * never hide what the user is approving, and Trojan-Source reordering must not reorder the preview.
 * Hand-written: the set is ours (it follows confirm/control-runs.ts), and one regex does it.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- naming control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const codeName = (ch: string): string => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

export function visible(text: string): string {
  return text.replace(INVISIBLE, codeName);
}

/** Moves a cut off the second half of a surrogate pair, so slicing never splits a character. */
export function safeCut(text: string, i: number): number {
  if (i <= 0 || i >= text.length) return Math.max(0, Math.min(i, text.length));
  const c = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff ? i - 1 : i;
}

