import { EMPTY_SCRIPT, type Pipeline, type Redirect, type Script, type SimpleCommand, type Word } from './shell-ast.js';

/**
 * A forgiving, linear-time parser for the shell text agents send in tool calls: enough of POSIX sh
 * and bash to split commands and pipelines, remove quotes, and find heredoc bodies, substitutions and
 * subshells. It never throws; on unbalanced input it parses what it can. Hand-written because the
 * maintained shell parsers are not installed here (and most would refuse half-valid agent text).
 */
const MAX_INPUT = 256 * 1024;
const MAX_DEPTH = 12;
const REDIRECT_OP = /(\d{1,3})?(&>>|&>|<<<|<<-|<<|<>|<&|<|>>|>&|>\||>)/y;
const LEADING_TABS = /^\t{1,256}/;
const HEX_ESCAPE = /^[0-9a-fA-F]{1,2}/;
const METACHARS = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>']);
const ANSI_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', e: '\x1b', '0': '\0' };

export const PARSE_PATTERNS: readonly RegExp[] = [REDIRECT_OP, LEADING_TABS, HEX_ESCAPE];

export function parseShell(text: string): Script {
  return new Parser(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text).script(null);
}

type Terminator = ')' | '`' | null;

class Parser {
  readonly #src: string;
  #pos = 0;
  #depth = 0;
  #pending: Redirect[] = [];

  constructor(src: string) {
    this.#src = src;
  }

  script(term: Terminator): Script {
    const src = this.#src;
    const pipelines: Pipeline[] = [];
    let commands: SimpleCommand[] = [];
    let argv: Word[] = [];
    let redirects: Redirect[] = [];
    let group: Script | undefined;
    let start = -1;
    let end = -1;
    const flushCommand = () => {
      if (argv.length > 0 || redirects.length > 0 || group !== undefined) commands.push({ argv, redirects, group, start, end });
      argv = []; redirects = []; group = undefined; start = -1;
    };
    const flushPipeline = () => {
      flushCommand();
      if (commands.length > 0) pipelines.push({ commands });
      commands = [];
    };
    const mark = (s: number) => { if (start < 0) start = s; end = this.#pos; };

    while (this.#pos < src.length) {
      const c = src[this.#pos]!;
      const next = src[this.#pos + 1];
      if (c === ' ' || c === '\t' || c === '\r') { this.#pos += 1; continue; }
      if (c === '\\' && next === '\n') { this.#pos += 2; continue; }
      if (c === '\n') { this.#pos += 1; flushPipeline(); this.#readHeredocs(); continue; }
      if (c === '#') { this.#skipComment(); continue; }
      if ((term === ')' && c === ')') || (term === '`' && c === '`')) { this.#pos += 1; flushPipeline(); return { pipelines }; }
      if (c === ';' || (c === '&' && next !== '>') || (c === '|' && next === '|')) {
        this.#pos += c === ';' || c === '&' ? (next === c ? 2 : 1) : 2;
        flushPipeline();
        continue;
      }
      if (c === '|') { this.#pos += next === '&' ? 2 : 1; flushCommand(); continue; }
      if (c === '(' && next === '(') { this.#pos = this.#skipBalanced(this.#pos); continue; }
      if (c === '(') {
        const s = this.#pos;
        this.#pos += 1;
        // `name() { …; }` declares a function; only a `(` where a command starts opens a subshell.
        if (argv.length === 0 && group === undefined) { group = this.#nested(')'); mark(s); }
        continue;
      }
      if (c === ')') { this.#pos += 1; flushPipeline(); continue; }
      if ((c === '<' || c === '>') && next === '(') { const s = this.#pos; argv.push(this.#word(term)); mark(s); continue; }
      REDIRECT_OP.lastIndex = this.#pos;
      const op = REDIRECT_OP.exec(src);
      if (op !== null) {
        const s = this.#pos;
        redirects.push(this.#redirect(op[2]!, op[1], op[0].length, term));
        mark(s);
        continue;
      }
      const s = this.#pos;
      const w = this.#word(term);
      if (w.raw.length === 0) { this.#pos += 1; continue; }
      argv.push(w);
      mark(s);
    }
    flushPipeline();
    return { pipelines };
  }

  #redirect(op: string, fd: string | undefined, length: number, term: Terminator): Redirect {
    this.#pos += length;
    while (this.#src[this.#pos] === ' ' || this.#src[this.#pos] === '\t') this.#pos += 1;
    const c = this.#src[this.#pos];
    const target = c === undefined || c === '\n' || c === ';' || c === '|' || c === '&' ? undefined : this.#word(term);
    const r: Redirect = { op, fd, target };
    if (op === '<<' || op === '<<-') this.#pending.push(r);
    return r;
  }

  #readHeredocs(): void {
    const src = this.#src;
    for (const r of this.#pending.splice(0)) {
      const delim = r.target?.text ?? '';
      const body: string[] = [];
      while (this.#pos < src.length) {
        let lineEnd = src.indexOf('\n', this.#pos);
        if (lineEnd < 0) lineEnd = src.length;
        const line = src.slice(this.#pos, lineEnd);
        this.#pos = Math.min(lineEnd + 1, src.length);
        if ((r.op === '<<-' ? line.replace(LEADING_TABS, '') : line) === delim) break;
        body.push(line);
      }
      r.heredoc = body.join('\n');
    }
  }

  #skipComment(): void {
    const nl = this.#src.indexOf('\n', this.#pos);
    this.#pos = nl < 0 ? this.#src.length : nl;
  }

  /** Past the `(` at `from` and everything up to its matching `)`, ignoring quotes: for `$((…))`. */
  #skipBalanced(from: number): number {
    let depth = 0;
    for (let i = from; i < this.#src.length; i++) {
      const c = this.#src[i];
      if (c === '(') depth += 1;
      else if (c === ')' && --depth === 0) return i + 1;
    }
    return this.#src.length;
  }

  #nested(term: ')' | '`'): Script {
    if (this.#depth >= MAX_DEPTH) {
      const close = this.#src.indexOf(term, this.#pos);
      this.#pos = close < 0 ? this.#src.length : close + 1;
      return EMPTY_SCRIPT;
    }
    this.#depth += 1;
    try {
      return this.script(term);
    } finally {
      this.#depth -= 1;
    }
  }

  #word(term: Terminator): Word {
    const src = this.#src;
    const start = this.#pos;
    const subs: Script[] = [];
    let text = '';
    if ((src[start] === '<' || src[start] === '>') && src[start + 1] === '(') {
      this.#pos += 2;
      subs.push(this.#nested(')'));
      text += src.slice(start, this.#pos);
    }
    while (this.#pos < src.length) {
      const c = src[this.#pos]!;
      if (METACHARS.has(c)) break;
      const s = this.#pos;
      if (c === '`') {
        if (term === '`') break;
        this.#pos += 1;
        subs.push(this.#nested('`'));
        text += src.slice(s, this.#pos);
      } else if (c === '\\') {
        if (src[s + 1] !== '\n') text += src[s + 1] ?? '';
        this.#pos += 2;
      } else if (c === "'") {
        const close = src.indexOf("'", s + 1);
        const stop = close < 0 ? src.length : close;
        text += src.slice(s + 1, stop);
        this.#pos = stop + 1;
      } else if (c === '"') {
        this.#pos += 1;
        text += this.#doubleQuoted(subs);
      } else if (c === '$') {
        text += this.#dollar(subs);
      } else {
        text += c;
        this.#pos += 1;
      }
    }
    this.#pos = Math.min(this.#pos, src.length);
    return { text, raw: src.slice(start, this.#pos), start, end: this.#pos, subs };
  }

  /** At `$`: substitutions, `${…}`, `$'…'` and `$"…"`; returns the text the word keeps. */
  #dollar(subs: Script[]): string {
    const src = this.#src;
    const s = this.#pos;
    const next = src[s + 1];
    if (next === '(' && src[s + 2] === '(') {
      this.#pos = this.#skipBalanced(s + 1);
    } else if (next === '(') {
      this.#pos += 2;
      subs.push(this.#nested(')'));
    } else if (next === '{') {
      const close = src.indexOf('}', s + 2);
      this.#pos = close < 0 ? src.length : close + 1;
    } else if (next === "'") {
      this.#pos += 2;
      return this.#ansiC();
    } else if (next === '"') {
      this.#pos += 2;
      return this.#doubleQuoted(subs);
    } else {
      this.#pos += 1;
    }
    return src.slice(s, this.#pos);
  }

  /** After an opening `"`: up to and past the closing one. */
  #doubleQuoted(subs: Script[]): string {
    const src = this.#src;
    let text = '';
    while (this.#pos < src.length) {
      const c = src[this.#pos]!;
      if (c === '"') { this.#pos += 1; return text; }
      if (c === '\\') {
        const n = src[this.#pos + 1];
        if (n === '$' || n === '`' || n === '"' || n === '\\') text += n;
        else if (n !== '\n') text += `\\${n ?? ''}`;
        this.#pos += 2;
      } else if (c === '$') {
        text += this.#dollar(subs);
      } else if (c === '`') {
        const s = this.#pos;
        this.#pos += 1;
        subs.push(this.#nested('`'));
        text += src.slice(s, this.#pos);
      } else {
        text += c;
        this.#pos += 1;
      }
    }
    return text;
  }

  /** After `$'`: ANSI-C quoting, with the common escapes decoded. */
  #ansiC(): string {
    const src = this.#src;
    let text = '';
    while (this.#pos < src.length) {
      const c = src[this.#pos]!;
      if (c === "'") { this.#pos += 1; return text; }
      if (c === '\\') {
        const n = src[this.#pos + 1] ?? '';
        const hex = n === 'x' ? HEX_ESCAPE.exec(src.slice(this.#pos + 2, this.#pos + 4)) : null;
        if (hex !== null) { text += String.fromCharCode(parseInt(hex[0], 16)); this.#pos += 2 + hex[0].length; continue; }
        text += ANSI_ESCAPES[n] ?? n;
        this.#pos += 2;
      } else {
        text += c;
        this.#pos += 1;
      }
    }
    return text;
  }
}
