// Frozen copy of gateway/scan/secrets/connection-string.ts before the speed work of issue 9 (its ANCHOR regex loop):
// the reference test/gateway/scan/literal-search.test.ts compares the detector with. Not used by the gateway.
import { FEATURE_EQUALS } from '../../../../gateway/scan/chars.js';
import { resumeAt, type Detector, type Emit } from '../../../../gateway/scan/detector.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from '../../../../gateway/scan/secrets/placeholder-values.js';

// `Password=` / `Pwd=` as a key of an ADO.NET/ODBC connection string ("…;User Id=sa;Password=…;").
const ANCHOR = /(?<![\w.-])(?:password|pwd)[ \t]{0,3}=(?!=)[ \t]{0,3}/gi;
const MAX_VALUE = 512;

function valueEnd(text: string, start: number): { end: number; close: number } {
  const open = text[start];
  const limit = Math.min(text.length, start + MAX_VALUE);
  if (open === '{' || open === '"' || open === "'") {
    // ODBC braces (`}}` escapes a brace) and quoted values may contain ';'.
    const closer = open === '{' ? '}' : open;
    for (let i = start + 1; i < limit; i++) {
      if (text[i] !== closer) continue;
      if (closer === '}' && text[i + 1] === '}') i++;
      else return { end: i, close: i + 1 };
    }
    return { end: -1, close: -1 };
  }
  let i = start;
  while (i < limit && !';"\'\n\r'.includes(text[i])) i++;
  let end = i;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { end, close: i };
}

function precededBySemicolon(text: string, i: number): boolean {
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return text[i - 1] === ';';
}

/** The password of a connection string: only when ';' separates it from other keys, so it is one. */
function find(text: string, emit: Emit): void {
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const start = m.index + m[0].length;
    const quoted = '{"\''.includes(text[start] ?? '');
    const { end, close } = valueEnd(text, start);
    if (end < 0) continue;
    const valueStart = quoted ? start + 1 : start;
    const adoStyle = precededBySemicolon(text, m.index) || text[close] === ';';
    if (adoStyle && end > valueStart && !isPlaceholderValue(text.slice(valueStart, end))) emit(valueStart, end);
    resumeAt(ANCHOR, m, close);
  }
}

export const connectionString: Detector = {
  id: 'connection-string',
  category: 'secret',
  kind: 'PASSWORD',
  anchor: '`Password=`/`Pwd=` next to a `;` (ADO.NET/ODBC style); plain, quoted or {braced} value',
  patterns: [ANCHOR, ...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 5,
  requires: FEATURE_EQUALS,
  find,
};
