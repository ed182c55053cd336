import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError } from './config/load.js';

/**
 * `serve --workers N`: N full gateway processes on one port (node:cluster hands connections to the
 * workers). They can only act as one gateway when they share state, so a shared store is required.
 * The primary prints the one listening line once every worker listens, forwards SIGTERM/SIGINT and
 * exits when they have all drained.
 */
export function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'auto') return availableParallelism();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
    throw new ConfigError(`--workers expects a number from 1 to 256 or "auto" (got ${JSON.stringify(value)})`);
  }
  return Number(value);
}

export function requireSharedStore(workers: number, storeUrl: string): void {
  if (workers > 1 && storeUrl === '') {
    throw new ConfigError('--workers needs a shared store: every worker is a full instance, so give --store postgres://… (and --redis redis://… for shared nonces, limits and events)');
  }
}

export const isWorker = (): boolean => cluster.isWorker;

/** Forks the workers and relays their readiness and the signals; resolves when all have exited. */
export function runPrimary(workers: number, announce: (line: Record<string, unknown>) => void): Promise<number> {
  const lines: Record<string, unknown>[] = [];
  let exited = 0;
  let failed = false;
  return new Promise((resolve) => {
    for (let i = 0; i < workers; i++) {
      const worker = cluster.fork();
      worker.on('message', (msg: { event?: string }) => {
        if (msg?.event !== 'listening') return;
        lines.push(msg);
        if (lines.length === workers) announce({ ...lines[0], workers, pids: lines.map((l) => l.pid), pid: process.pid });
      });
    }
    cluster.on('exit', (_worker, code) => {
      if (code !== 0) failed = true;
      // One worker failing (a bad store URL, a key mismatch) stops the rest: no half-started gateway.
      if (code !== 0) for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      if (++exited === workers) resolve(failed ? 1 : 0);
    });
    const relay = (signal: NodeJS.Signals) => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    };
    process.on('SIGTERM', () => relay('SIGTERM'));
    process.on('SIGINT', () => relay('SIGINT'));
  });
}
