import type { Redirect, SimpleCommand, Word } from './shell-ast.js';

/**
 * A simple command reduced to what runs: assignments, reserved words and wrappers (`sudo`, `env`,
 * `nohup`, `timeout 10`, `xargs -0` …) are peeled off, and the program is named by its basename, so
 * `sudo -E /bin/rm -rf /` is `rm` with `-rf /`.
 */
export interface Command {
  readonly name: string;
  /** The word that names the program, if any (it may itself be a substitution: `$(curl …)`). */
  readonly head?: Word;
  readonly args: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly source: SimpleCommand;
}

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'busybox']);
const INTERPRETER = /^(?:python(?:[23](?:\.\d{1,2})?)?|perl|ruby|node|nodejs|php|bun|deno|pwsh|powershell|lua|osascript)$/;
export const isInterpreter = (name: string): boolean => INTERPRETER.test(name);
export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'xh', 'curlie', 'aria2c']);
export const NETCATS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet']);

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', '!', '{', '}', 'function', 'select', 'time', 'coproc']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]{0,127}\+?=/;
const SHORT_CLUSTER = /^-[A-Za-z0-9]{1,32}$/;

/** Wrapper → its options that take a separate argument, and how many positionals it eats (`timeout 10`). */
const WRAPPERS: ReadonlyMap<string, { readonly withArg: ReadonlySet<string>; readonly positional?: number }> = new Map([
  ['sudo', { withArg: new Set(['-u', '-g', '-C', '-p', '-h', '-U', '-r', '-t', '-T', '-D', '-R']) }],
  ['doas', { withArg: new Set(['-u', '-C']) }],
  ['env', { withArg: new Set(['-u', '-C', '-S', '--unset', '--chdir']) }],
  ['nohup', { withArg: new Set<string>() }],
  ['command', { withArg: new Set<string>() }],
  ['builtin', { withArg: new Set<string>() }],
  ['exec', { withArg: new Set(['-a']) }],
  ['nice', { withArg: new Set(['-n', '--adjustment']) }],
  ['ionice', { withArg: new Set(['-c', '-n', '-p', '-P', '-u']) }],
  ['stdbuf', { withArg: new Set(['-i', '-o', '-e']) }],
  ['time', { withArg: new Set(['-f', '-o']) }],
  ['timeout', { withArg: new Set(['-s', '-k', '--signal', '--kill-after']), positional: 1 }],
  ['xargs', { withArg: new Set(['-n', '-I', '-P', '-d', '-L', '-s', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file']) }],
]);

export const basename = (text: string): string => text.slice(text.lastIndexOf('/') + 1);

export function toCommand(source: SimpleCommand): Command {
  const argv = source.argv;
  let i = 0;
  for (let guard = 0; guard < 16 && i < argv.length; guard++) {
    const text = argv[i]!.text;
    if (RESERVED.has(text) || (ASSIGNMENT.test(text) && !argv[i]!.raw.startsWith("'"))) { i += 1; continue; }
    const wrapper = WRAPPERS.get(basename(text));
    if (wrapper === undefined) break;
    i += 1;
    let positional = wrapper.positional ?? 0;
    while (i < argv.length) {
      const a = argv[i]!.text;
      if (a === '--') { i += 1; break; }
      if (a.startsWith('-') && a.length > 1) { i += wrapper.withArg.has(a) ? 2 : 1; continue; }
      if (ASSIGNMENT.test(a)) { i += 1; continue; }
      if (positional > 0) { positional -= 1; i += 1; continue; }
      break;
    }
  }
  const head = argv[i];
  return { name: head === undefined ? '' : basename(head.text), head, args: argv.slice(i + 1), redirects: source.redirects, source };
}

/** Short option clusters (`-rf`) and long options before `--`; operands are everything else. */
export interface Options {
  readonly short: ReadonlySet<string>;
  readonly long: ReadonlySet<string>;
  readonly operands: readonly Word[];
}

export function options(args: readonly Word[]): Options {
  const short = new Set<string>();
  const long = new Set<string>();
  const operands: Word[] = [];
  let ended = false;
  for (const w of args) {
    const t = w.text;
    if (!ended && t === '--') ended = true;
    else if (!ended && t.startsWith('--')) long.add(t.split('=', 1)[0]!);
    else if (!ended && SHORT_CLUSTER.test(t)) for (const ch of t.slice(1)) short.add(ch);
    else operands.push(w);
  }
  return { short, long, operands };
}

/** True when a leading `~` was quoted or escaped: then it is a literal name, not home. */
export const tildeQuoted = (w: Word): boolean => w.text.startsWith('~') && !w.raw.startsWith('~');

export const COMMAND_PATTERNS: readonly RegExp[] = [INTERPRETER, ASSIGNMENT, SHORT_CLUSTER];
