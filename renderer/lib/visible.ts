/**
 * Splits text into runs the dashboard can show safely: characters that change how text reads
 * without being seen (bidi controls, zero-width, tag and control characters) become their own runs,
 * shown as `⟨U+202E⟩` badges. The gateway's masked previews already name them as `<U+202E>`; those
 * are shown the same way, so both look alike.
 */
export type Run = { kind: 'text'; text: string } | { kind: 'codepoint'; text: string; label: string };

// C0/C1 controls except tab and newline, soft hyphen, ALM, Mongolian vowel separator, zero-width
// and bidi marks, line/paragraph separators, bidi embeddings and isolates, invisible operators,
// BOM, interlinear annotation, variation selectors and tag characters.
// The class lists invisible and combining characters on purpose: they are what it must find.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\uFE00-\uFE0F]|\uDB40[\uDC00-\uDDEF]/;
const NAMED = /<U\+([0-9A-F]{4,6})>/;
// eslint-disable-next-line no-misleading-character-class -- built from INVISIBLE above
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
