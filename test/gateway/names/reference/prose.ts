// Frozen copy of gateway/scan/names/prose.ts as it was before the speed work of issue 17 (the reference
// path): test/gateway/names/fast-path.test.ts checks that the optimised finder, prose test and linker
// give exactly what this one gives. Not used by the gateway; do not optimise it.
/**
 * Which lines of a text are prose. Names are looked for only there: fenced (``` / ~~~) and indented
 * code blocks, comment and stack-frame lines, and lines that read like code are skipped whole, so a
 * class name or a string literal in code is never taken for a person.
 */

/** Openings of lines that are code, logs or shell, never prose. */
const CODE_START = /^(?:\/\/|\/\*|\*|#|--|>>>|\$ |at |File "|Traceback|import |from \S+ import|export |const |let |var |def |class |fn |func |pub |use |package |return |if \(|for \(|while \(|public |private |protected |static |function |async |await |SELECT |INSERT |UPDATE |DELETE |CREATE |[A-Za-z_$][\w$.]*\()/;
/** Endings of code lines. */
const CODE_END = /(?:[;{}[\]]|=>|\)\s*:|\(\)|,\s*\))$/;
/** Operators and brackets that prose does not use; found with indexOf (an unanchored alternation cost 3 µs a line). */
const CODE_MARKS = [' = ', '==', '=>', '->', '::', '&&', '||', '()', ').', '{', '}', '\',', "',"];
/** `f(x` and `a[i`: a bracket glued to a word on both sides. */
const CODE_CALL = /\w[([]\w/;

function hasCodeMarks(t: string): boolean {
  for (const m of CODE_MARKS) if (t.includes(m)) return true;
  return (t.includes('(') || t.includes('[')) && CODE_CALL.test(t);
}

/** A conventional-commit subject (`fix(auth): …`) is prose after its prefix. */
const COMMIT_PREFIX = /^[a-z]+(?:\([\w./-]+\))?!?: /;

export function isProseLine(line: string): boolean {
  const t = line.trim().replace(COMMIT_PREFIX, '');
  if (t.length < 3) return false;
  if (CODE_START.test(t) || CODE_END.test(t) || hasCodeMarks(t)) return false;
  return true;
}

/**
 * Calls `visit(start, end)` for every prose line of `text`, as offsets into it. Linear: one pass over
 * line breaks, one regex test per line start and end.
 */
export function forEachProseLine(text: string, visit: (start: number, end: number) => void): void {
  let fence = '';
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const first = text.charCodeAt(pos);
    const line = text.slice(pos, end);
    const lead = line.trimStart();
    if (lead.startsWith('```') || lead.startsWith('~~~')) {
      const mark = lead.slice(0, 3);
      if (fence === '') fence = mark;
      else if (fence === mark) fence = '';
    } else if (fence === '' && first !== 9 && !line.startsWith('    ') && isProseLine(line)) {
      visit(pos, end);
    }
    pos = end + 1;
  }
}

export const PROSE_PATTERNS: readonly RegExp[] = [CODE_START, CODE_END, CODE_CALL, COMMIT_PREFIX];
