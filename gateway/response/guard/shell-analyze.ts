import { DOWNLOADERS, SHELLS, isInterpreter, options, toCommand, type Command } from './command.js';
import { RESPONSE_DETECTORS as D, dedupeHits, type Hit, type Span } from './findings.js';
import type { Script, Word } from './shell-ast.js';
import { DEV_NET, commandHits, isNetcat, isReverseShellCode } from './shell-checks.js';
import { parseShell } from './shell-parse.js';

/**
 * Walks a parsed shell text and everything it would run: pipelines, subshells, substitutions,
 * `sh -c` / `eval` strings and heredocs fed to a shell. A nested finding is reported on the span of
 * the top-level command that contains it, since offsets inside re-parsed strings are not the input's.
 */
const MAX_DEPTH = 8;
/**
 * Fork bombs (`:(){ :|:& };:`, `f(){ f|f& };f`): anchored on the `(){` literal, then the name before it
 * and the body after it are read from bounded slices, so no pattern scans ahead from every position.
 */
const FORK_HEAD = /\(\s{0,4}\)\s{0,4}\{/g;
const NOT_NAME = /[\s(){}|&;]/;
const FORK_BODY = /^\s{0,4}([^\s(){}|&;]{1,32})\s{0,4}\|\s{0,4}([^\s(){}|&;]{1,32})\s{0,4}&/;
/** PowerShell download-and-run: `iex (iwr …)`, `iwr … | iex`, `(New-Object Net.WebClient).DownloadString(…) | iex`. */
const PS_IEX = /\b(?:iex|Invoke-Expression)\b/gi;
const PS_PIPE_IEX = /\|\s{0,4}(?:iex|Invoke-Expression)\b/gi;
const PS_DOWNLOAD = /\biwr\b|\birm\b|Invoke-WebRequest|Invoke-RestMethod|DownloadString|Net\.WebClient/i;
const INPUT_OPS = new Set(['<', '<<<', '<&']);
const SUBSTITUTION_HEAD = /^(?:\$\(|`)/;
const SHELL_OPTION = /^[-+][A-Za-z]{1,16}$/;
/** fds 0–2 are the standard streams; a shell wired to a higher one is wired to something it opened. */
const HIGH_FD = /^(?:[3-9]|\d{2,3})$/;
const CODE_OPTIONS = new Set(['-c', '-e', '-r', '-m', '-E', '--eval', '--command', '-Command']);

export function analyzeShell(text: string): Hit[] {
  const out: Hit[] = [];
  forkBombs(text, out);
  powershellDownloadExec(text, out);
  walk(parseShell(text), 0, null, out);
  return dedupeHits(out);
}

function forkBombs(text: string, out: Hit[]): void {
  for (const m of text.matchAll(FORK_HEAD)) {
    let start = m.index;
    while (start > 0 && m.index - start < 32 && !NOT_NAME.test(text[start - 1]!)) start -= 1;
    const name = text.slice(start, m.index);
    const end = m.index + m[0].length;
    const body = FORK_BODY.exec(text.slice(end, end + 80));
    if (name !== '' && body !== null && body[1] === name && body[2] === name) {
      out.push({ detector: D.destructive, kind: 'fork-bomb', start, end: end + body[0].length });
    }
  }
}

function powershellDownloadExec(text: string, out: Hit[]): void {
  const hit = (start: number, end: number) => out.push({ detector: D.rce, kind: 'powershell-download-exec', start, end });
  for (const m of text.matchAll(PS_IEX)) {
    const after = m.index + m[0].length;
    const lineEnd = text.indexOf('\n', after);
    const window = text.slice(after, Math.min(lineEnd < 0 ? text.length : lineEnd, after + 80));
    const download = PS_DOWNLOAD.exec(window);
    if (download !== null) hit(m.index, after + download.index + download[0].length);
  }
  for (const m of text.matchAll(PS_PIPE_IEX)) {
    const from = Math.max(text.lastIndexOf('\n', m.index) + 1, m.index - 300);
    const download = PS_DOWNLOAD.exec(text.slice(from, m.index));
    if (download !== null) hit(from + download.index, m.index + m[0].length);
  }
}

function walk(script: Script, depth: number, outer: Span | null, out: Hit[]): void {
  if (depth > MAX_DEPTH) return;
  const all: Array<{ cmd: Command; span: Span }> = [];
  for (const pipeline of script.pipelines) {
    const cmds = pipeline.commands.map(toCommand);
    const first = pipeline.commands[0]!;
    const last = pipeline.commands[pipeline.commands.length - 1]!;
    pipelineHits(cmds, outer ?? { start: first.start, end: last.end }, out);
    for (const cmd of cmds) {
      const span = outer ?? { start: cmd.source.start, end: cmd.source.end };
      all.push({ cmd, span });
      commandHits(cmd, span, out);
      if (runsDownloadedCode(cmd, depth)) out.push({ detector: D.rce, kind: 'download-substitution-exec', ...span });
      nested(cmd, depth, span, out);
    }
  }
  socketFdShell(all, out);
}

/** `curl … | sh`, `wget -O- … | sudo bash`, and any shell wired to nc/socat/telnet in a pipeline. */
function pipelineHits(cmds: readonly Command[], span: Span, out: Hit[]): void {
  cmds.forEach((cmd, j) => {
    if (!executesStdin(cmd)) return;
    if (cmds.slice(0, j).some((c) => DOWNLOADERS.has(c.name))) out.push({ detector: D.rce, kind: 'download-pipe-shell', ...span });
    if (cmds.some((c, i) => i !== j && isNetcat(c.name))) out.push({ detector: D.reverseShell, kind: 'shell-over-network', ...span });
  });
}

/** A shell or interpreter with no script operand and no inline code runs whatever arrives on stdin. */
function executesStdin(cmd: Command): boolean {
  if (cmd.name === 'source' || cmd.name === '.') return cmd.args.some((w) => w.text === '/dev/stdin' || w.text === '-');
  const shell = SHELLS.has(cmd.name);
  if (!shell && !isInterpreter(cmd.name)) return false;
  const o = options(cmd.args);
  if (shell ? o.short.has('c') : cmd.args.some((w) => CODE_OPTIONS.has(w.text))) return false;
  const operand = o.operands[0]?.text;
  return operand === undefined || operand === '-' || (shell && o.short.has('s'));
}

const containsDownloader = (script: Script, depth: number): boolean =>
  depth <= MAX_DEPTH &&
  script.pipelines.some((p) => p.commands.some((c) => {
    if (DOWNLOADERS.has(toCommand(c).name)) return true;
    if (c.group !== undefined && containsDownloader(c.group, depth + 1)) return true;
    return [...c.argv, ...c.redirects.flatMap((r) => (r.target ? [r.target] : []))]
      .some((w) => w.subs.some((s) => containsDownloader(s, depth + 1)));
  }));

/** `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`, `source <(curl …)`, `$(curl …)`. */
function runsDownloadedCode(cmd: Command, depth: number): boolean {
  const executor = SHELLS.has(cmd.name) || isInterpreter(cmd.name) || cmd.name === 'eval' || cmd.name === 'source' || cmd.name === '.';
  const words: Word[] = executor ? [...cmd.args, ...cmd.redirects.flatMap((r) => (r.target && INPUT_OPS.has(r.op) ? [r.target] : []))] : [];
  if (cmd.head !== undefined && SUBSTITUTION_HEAD.test(cmd.head.raw)) words.push(cmd.head);
  return words.some((w) => w.subs.some((s) => containsDownloader(s, depth + 1)));
}

/** The script string of `sh -c 'script'` / `bash -lc 'script'`; undefined when the shell runs a file. */
function dashCScript(args: readonly Word[]): string | undefined {
  let sawC = false;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '--') continue;
    if (SHELL_OPTION.test(t)) {
      if (t[0] === '-' && t.includes('c')) sawC = true;
      if (t === '-o' || t === '+o' || t === '-O' || t === '+O') i += 1;
      continue;
    }
    return sawC ? t : undefined;
  }
  return undefined;
}

function nested(cmd: Command, depth: number, span: Span, out: Hit[]): void {
  const src = cmd.source;
  if (src.group !== undefined) walk(src.group, depth + 1, span, out);
  for (const w of [...src.argv, ...src.redirects.flatMap((r) => (r.target ? [r.target] : []))]) {
    for (const sub of w.subs) walk(sub, depth + 1, span, out);
  }
  const inline = (text: string) => walk(parseShell(text), depth + 1, span, out);
  const fed = src.redirects.flatMap((r) => (r.heredoc !== undefined ? [r.heredoc] : r.op === '<<<' && r.target ? [r.target.text] : []));
  if (SHELLS.has(cmd.name)) {
    const script = dashCScript(cmd.args);
    if (script !== undefined) inline(script);
    else if (executesStdin(cmd)) fed.forEach(inline);
  } else if (cmd.name === 'eval') {
    inline(cmd.args.map((w) => w.text).join(' '));
  } else if (cmd.name === 'su') {
    const i = cmd.args.findIndex((w) => w.text === '-c' || w.text === '--command');
    if (i >= 0 && cmd.args[i + 1] !== undefined) inline(cmd.args[i + 1]!.text);
  } else if (isInterpreter(cmd.name) && fed.some(isReverseShellCode)) {
    out.push({ detector: D.reverseShell, kind: 'interpreter-socket-shell', ...span });
  }
}

/** `exec 5<>/dev/tcp/host/port; sh <&5 >&5 2>&5`: a socket opened on an fd, then a shell fed from it. */
function socketFdShell(cmds: ReadonlyArray<{ cmd: Command; span: Span }>, out: Hit[]): void {
  const opensSocket = cmds.some(({ cmd }) => (cmd.source.argv.length === 0 || cmd.source.argv[0]!.text === 'exec') &&
    cmd.redirects.some((r) => r.target !== undefined && DEV_NET.test(r.target.text)));
  if (!opensSocket) return;
  for (const { cmd, span } of cmds) {
    if ((SHELLS.has(cmd.name) || isInterpreter(cmd.name)) &&
      cmd.redirects.some((r) => (r.op === '<&' || r.op === '>&') && r.target !== undefined && HIGH_FD.test(r.target.text))) {
      out.push({ detector: D.reverseShell, kind: 'dev-tcp-shell', ...span });
    }
  }
}

export const ANALYZE_PATTERNS: readonly RegExp[] = [FORK_HEAD, NOT_NAME, FORK_BODY, PS_IEX, PS_PIPE_IEX, PS_DOWNLOAD, SUBSTITUTION_HEAD, SHELL_OPTION, HIGH_FD];

/** Every program a shell text would start, nested ones included (for "does this touch the network"). */
export function programNames(text: string): Set<string> {
  const names = new Set<string>();
  const visit = (script: Script, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const pipeline of script.pipelines) {
      for (const source of pipeline.commands) {
        const cmd = toCommand(source);
        names.add(cmd.name);
        if (source.group !== undefined) visit(source.group, depth + 1);
        for (const w of [...source.argv, ...source.redirects.flatMap((r) => (r.target ? [r.target] : []))]) {
          for (const sub of w.subs) visit(sub, depth + 1);
        }
        const script = SHELLS.has(cmd.name) ? dashCScript(cmd.args) : cmd.name === 'eval' ? cmd.args.map((w) => w.text).join(' ') : undefined;
        if (script !== undefined) visit(parseShell(script), depth + 1);
      }
    }
  };
  visit(parseShell(text), 0);
  return names;
}
