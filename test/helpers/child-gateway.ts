// The gateway as a child process through the real CLI (`bin/aegisgate.js`), for what only a process
// shows: stdout/stderr contents, signals, exit codes and memory. Everything it writes is kept.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeDeep } from '../../gateway/config/load.js';
import { CLI, tempDir } from './gateway.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliRun extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs `aegisgate <args>` to completion (killed after timeoutMs). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<CliRun> {
  const proc = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    proc.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServedChild {
  url: string;
  pid: number;
  proc: ChildProcessWithoutNullStreams;
  /** the temp dir holding the data dir and the config file; removed by stop() */
  dir: string;
  dataDir: string;
  stdout(): string;
  stderr(): string;
  /** resolves once stderr matches (checked on every write), with all of stderr so far */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<string>;
  /** resolves when the process has exited and its pipes are drained */
  exited: Promise<Exit>;
  /** resident set size from /proc/<pid>/status, in bytes */
  rss(): number;
  /** SIGTERM (if still running), wait for the exit, remove the temp dir; SIGKILL after killAfterMs */
  stop(killAfterMs?: number): Promise<Exit>;
}

export interface ServeOptions {
  upstreams?: Record<string, string | undefined>;
  /** written as a JSON config file and passed with --config */
  config?: object;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** working directory of the child (default: this one) */
  cwd?: string;
  /** How long to wait for the listening line (default 60 s: a loaded 2-core machine starts slowly; `--workers` starts several processes). */
  startTimeoutMs?: number;
}

/** `aegisgate serve --port 0 --data-dir <tmp> [--config <tmp>/config.json] [--upstream …]`, once listening. */
export async function serveChild(opts: ServeOptions = {}): Promise<ServedChild> {
  const dir = tempDir('aegis-child-');
  const dataDir = join(dir, 'data');
  const args = ['serve', '--port', '0', '--data-dir', dataDir];
  if (!opts.args?.includes('--config')) {
    // The fake provider is steered by `x-fake-*` headers, which only an addition to the allowlist forwards.
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(mergeDeep({ upstream: { forwardHeaders: ['x-fake-*'] } }, opts.config ?? {})));
    args.push('--config', file);
  }
  for (const [name, url] of Object.entries(opts.upstreams ?? {})) if (url) args.push('--upstream', `${name}=${url}`);
  args.push(...(opts.args ?? []));

  const proc = spawn(process.execPath, [CLI, ...args], { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const w of watchers) w();
  };
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    notify();
  });
  proc.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    notify();
  });
  let done = false;
  const exited = new Promise<Exit>((resolve) => proc.once('close', (code, signal) => {
    done = true;
    notify();
    resolve({ code, signal });
  }));

  const waitFor = (check: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}; stderr:\n${err}`)), timeoutMs);
      const finish = (e?: Error) => {
        clearTimeout(timer);
        watchers.delete(watcher);
        if (e) reject(e);
        else resolve();
      };
      const watcher = () => {
        if (check()) finish();
        else if (done) finish(new Error(`gateway exited while waiting for ${what}; stdout:\n${out}\nstderr:\n${err}`));
      };
      watchers.add(watcher);
      watcher();
    });

  try {
    await waitFor(() => out.includes('\n'), 'the listening line', opts.startTimeoutMs ?? 60_000);
  } catch (e) {
    proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const line = JSON.parse(out.slice(0, out.indexOf('\n'))) as { event: string; url: string };
  if (line.event !== 'listening') throw new Error(`unexpected first line: ${out}`);

  let stopping: Promise<Exit> | undefined;
  return {
    url: line.url,
    pid: proc.pid!,
    proc,
    dir,
    dataDir,
    stdout: () => out,
    stderr: () => err,
    async waitForStderr(re, timeoutMs = 10_000) {
      await waitFor(() => re.test(err), String(re), timeoutMs);
      return err;
    },
    exited,
    rss() {
      const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+) kB$/m.exec(status);
      if (!m) throw new Error('no VmRSS in /proc status');
      return Number(m[1]) * 1024;
    },
    stop(killAfterMs = 10_000) {
      stopping ??= (async () => {
        if (!done) proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
        const exit = await exited;
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
        return exit;
      })();
      return stopping;
    },
  };
}
