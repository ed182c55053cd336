import { NETCATS, SHELLS, basename, isInterpreter, options, tildeQuoted, type Command } from './command.js';
import { RESPONSE_DETECTORS as D, type Hit, type Span } from './findings.js';
import { isBlockDevice, isCredentialDir, isCredentialFile, isCriticalTarget } from './paths.js';
import type { Word } from './shell-ast.js';

/**
 * Checks on one command, judged on its parsed argv and redirections, never on substrings of the raw
 * text: that is what lets `rm -rf node_modules`, `grep -r "BEGIN RSA" src/` and a commit message that
 * quotes `rm -rf /` through.
 */

const critical = (w: Word) => isCriticalTarget(w.text, tildeQuoted(w));
const MKFS = /^(?:mkfs(?:\.[A-Za-z0-9]{1,12})?|mke2fs|newfs(?:_[a-z]{1,8})?)$/;
const HELP_ONLY = /^(?:-h|--help|-V|--version)$/;
const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const PATTERN_OPTION = /^-(?:e|f|-regexp|-file)$/;
const SOCAT_EXEC = /^(?:exec|system):/i;
const SOCAT_NET = /^(?:tcp|tcp4|tcp6|udp|openssl|ssl)[:-]/i;
export const DEV_NET = /^\/dev\/(?:tcp|udp)\//;

/** Programs whose file operands are read (or carried off); grep-likes take a pattern first. */
const READERS = new Set([
  'cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'batcat', 'nl', 'strings', 'xxd', 'od', 'hexdump', 'base64', 'base32',
  'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'awk', 'gawk', 'sed', 'cut', 'sort', 'uniq', 'jq', 'yq', 'dd', 'openssl', 'gpg',
  'cp', 'scp', 'rsync', 'tar', 'zip', '7z', 'gzip', 'bzip2', 'xz', 'zstd', 'curl', 'wget', 'http', 'https', 'nc', 'ncat', 'rclone',
]);
const PATTERN_FIRST = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'awk', 'gawk', 'sed', 'jq', 'yq']);
const CARRIERS = new Set(['cp', 'scp', 'rsync', 'tar', 'zip', '7z', 'rclone']);

/** What an argument may name as a file: itself, after `=` (`if=`, `--file=`), after `@` (curl `-d @f`). */
function pathCandidates(w: Word): string[] {
  const t = w.text;
  const out = [t];
  const eq = t.indexOf('=');
  if (eq >= 0) out.push(t.slice(eq + 1));
  const at = t.indexOf('@');
  if (at >= 0 && (at === 0 || t[at - 1] === '=')) out.push(t.slice(at + 1));
  return out;
}

function destructive(cmd: Command, span: Span, out: Hit[]): void {
  const hit = (kind: string) => out.push({ detector: D.destructive, kind, ...span });
  const o = options(cmd.args);
  const recursive = o.short.has('r') || o.short.has('R') || o.long.has('--recursive');
  switch (cmd.name) {
    case 'rm':
      if (o.long.has('--no-preserve-root')) hit('rm-no-preserve-root');
      else if (recursive && o.operands.some(critical)) hit('rm-recursive-critical');
      return;
    case 'chmod':
    case 'chown':
    case 'chgrp':
      if ((o.short.has('R') || o.long.has('--recursive')) && o.operands.some(critical)) hit(`${cmd.name}-recursive-critical`);
      return;
    case 'find': {
      const texts = cmd.args.map((w) => w.text);
      const firstExpr = texts.findIndex((t) => t.startsWith('-') || t === '(' || t === '!');
      const roots = cmd.args.slice(0, firstExpr < 0 ? texts.length : firstExpr);
      const exec = texts.findIndex((t) => t === '-exec' || t === '-execdir');
      const deletes = texts.includes('-delete') || (exec >= 0 && basename(texts[exec + 1] ?? '') === 'rm');
      if (deletes && roots.some(critical)) hit('find-delete-critical');
      return;
    }
    case 'dd':
      if (cmd.args.some((w) => w.text.startsWith('of=') && isBlockDevice(w.text.slice(3)))) hit('dd-device');
      return;
    case 'shred':
    case 'wipefs':
    case 'blkdiscard':
      if (o.operands.some((w) => isBlockDevice(w.text))) hit('wipe-device');
      return;
  }
  if (MKFS.test(cmd.name) && !cmd.args.every((w) => HELP_ONLY.test(w.text))) hit('mkfs');
}

function deviceWrites(cmd: Command, span: Span, out: Hit[]): void {
  for (const r of cmd.redirects) {
    if (WRITE_OPS.has(r.op) && r.target !== undefined && isBlockDevice(r.target.text)) {
      out.push({ detector: D.destructive, kind: 'redirect-to-device', ...span });
    }
  }
}

function credentialReads(cmd: Command, span: Span, out: Hit[]): void {
  const hit = (): void => { out.push({ detector: D.credentialRead, kind: 'credential-file', ...span }); };
  for (const r of cmd.redirects) {
    if ((r.op === '<' || r.op === '<>') && r.target !== undefined && isCredentialFile(r.target.text, tildeQuoted(r.target))) return hit();
  }
  if (!READERS.has(cmd.name)) return;
  let skipPattern = PATTERN_FIRST.has(cmd.name) && !cmd.args.some((w) => PATTERN_OPTION.test(w.text));
  for (const w of cmd.args) {
    if (skipPattern && !w.text.startsWith('-')) { skipPattern = false; continue; }
    const quoted = tildeQuoted(w);
    if (pathCandidates(w).some((p) => isCredentialFile(p, quoted))) return hit();
    if (CARRIERS.has(cmd.name) && isCredentialDir(w.text, quoted)) return hit();
  }
}

const NETWORK_CODE = /socket|fsockopen|TCPSocket|net\.connect|net\.Socket|createConnection|require\(\s{0,4}["']net["']\s{0,4}\)/i;
const SPAWN_CODE = /subprocess|pty\.spawn|os\.dup2|child_process|\bexec[lvp]{0,2}\b|\bspawn\b|\bsystem\b|passthru|proc_open|popen|\/bin\/(?:ba|z)?sh\b/i;
const CODE_FLAGS = new Set(['-c', '-e', '-r', '-E', '--eval', '--command', '-Command']);

/** A socket wired to a process spawn in an interpreter one-liner is the classic reverse shell. */
export const isReverseShellCode = (code: string): boolean => NETWORK_CODE.test(code) && SPAWN_CODE.test(code);

function reverseShells(cmd: Command, span: Span, out: Hit[]): void {
  const hit = (kind: string) => out.push({ detector: D.reverseShell, kind, ...span });
  const texts = cmd.args.map((w) => w.text);
  if (cmd.name === 'nc' || cmd.name === 'ncat' || cmd.name === 'netcat') {
    const o = options(cmd.args);
    if (o.short.has('e') || o.short.has('c') || o.long.has('--exec') || o.long.has('--sh-exec') || o.long.has('--lua-exec')) hit('netcat-exec');
  } else if (cmd.name === 'socat') {
    if (texts.some((t) => SOCAT_EXEC.test(t)) && texts.some((t) => SOCAT_NET.test(t))) hit('socat-exec');
  } else if (SHELLS.has(cmd.name) || isInterpreter(cmd.name)) {
    const toNet = cmd.redirects.some((r) => r.target !== undefined && DEV_NET.test(r.target.text));
    if (toNet) hit('dev-tcp-shell');
    const flag = texts.findIndex((t) => CODE_FLAGS.has(t));
    if (isInterpreter(cmd.name) && flag >= 0 && isReverseShellCode(texts[flag + 1] ?? '')) hit('interpreter-socket-shell');
  }
}

export function commandHits(cmd: Command, span: Span, out: Hit[]): void {
  destructive(cmd, span, out);
  deviceWrites(cmd, span, out);
  credentialReads(cmd, span, out);
  reverseShells(cmd, span, out);
}

export const isNetcat = (name: string): boolean => NETCATS.has(name) || name === 'openssl';
export const CHECK_PATTERNS: readonly RegExp[] = [MKFS, HELP_ONLY, NETWORK_CODE, SPAWN_CODE, PATTERN_OPTION, SOCAT_EXEC, SOCAT_NET, DEV_NET];
