// Child processes for benchmarks: spawn, wait for the listening line, sample CPU/RSS from /proc, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Service {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
/** Benchmarks must stop by themselves: whatever happens, no child outlives the run. */
export function killAllChildren(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}
process.on('exit', killAllChildren);

/** Starts a process that prints `{"event":"listening","url":…}` as its first stdout line. */
export async function startService(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, startTimeoutMs = 30_000): Promise<Service> {
  const proc = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${stderr}`)), startTimeoutMs);
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    proc.once('exit', (code) => reject(new Error(`${name} exited ${code}:\n${stderr}`)));
  });
  return { name, url, pid: proc.pid!, proc, stop: () => stopProcess(proc) };
}

export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  children.delete(proc);
}

const CLK_TCK = 100;

/** User+system CPU seconds a process (and its threads) has used so far, from /proc/PID/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/**
 * CPU time of all a process's threads in ms, at nanosecond resolution (/proc/PID/task/T/schedstat):
 * a single request's cost, which /proc's 10 ms ticks cannot see and which, unlike wall-clock time,
 * does not grow while a loaded machine keeps the process waiting for a core.
 */
export function cpuMsFine(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e6;
}

/** Current and peak resident set size in MB, and the part not backed by files (heap, not the node binary), from /proc/PID/status. */
export function rssMb(pid: number): { rss: number; peak: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024, anon: kb('RssAnon') / 1024 };
}

export function openFdLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? 1024);
}

/** The pids a process has started (Linux), e.g. the gateway under `npm start`'s launcher. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
