/**
 * Splits text into runs the dashboard can show safely: characters that change how text reads
 * without being seen (bidi controls, zero-width, tag and control characters) become their own runs,
 * shown as `⟨U+202E⟩` badges. The gateway's masked previews already name them as `<U+202E>`; those
 * are shown the same way, so both look alike.
 */
export type Run = { kind: 'text'; text: string } | { kind: 'codepoint'; text: string; label: string };

// The same set the gateway names in previews (gateway/confirm/visible.ts): C0/C1 controls except
// tab and newline, soft hyphen, ALM, Mongolian vowel separator, zero-width and bidi marks, line and
// paragraph separators, bidi embeddings and isolates, invisible operators, BOM, interlinear
// annotation, tag characters and lone surrogates.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- naming control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAMED = /<U\+([0-9A-F]{4,6})>/;
const EITHER = new RegExp(`${INVISIBLE.source}|${NAMED.source}`, 'g');

export const codepointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

export function visibleRuns(text: string): Run[] {
  const runs: Run[] = [];
  let last = 0;
  EITHER.lastIndex = 0;
  for (let m = EITHER.exec(text); m !== null; m = EITHER.exec(text)) {
    if (m.index > last) runs.push({ kind: 'text', text: text.slice(last, m.index) });
    const label = m[1] !== undefined ? `U+${m[1]}` : codepointLabel(m[0].codePointAt(0) ?? 0);
    runs.push({ kind: 'codepoint', text: m[0], label });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) });
  return runs;
}

/** True when the text holds anything `visibleRuns` would badge. */
export const hasInvisible = (text: string): boolean => {
  EITHER.lastIndex = 0;
  return EITHER.test(text);
};
