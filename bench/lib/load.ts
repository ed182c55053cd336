// One interface over the load generators: wrk (preferred, a separate C process) or autocannon
// (fallback; on 2 cores it takes as much CPU as the server and reads ~20 % low).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { haveWrk, wrkLoad, type LoadResult, type LoadSpec } from './wrk.js';

const run = promisify(execFile);
export type LoadTool = 'wrk' | 'autocannon';
export type { LoadResult, LoadSpec };

export function haveLoadTool(): LoadTool | undefined {
  return haveWrk() ? 'wrk' : 'autocannon';
}

async function autocannonLoad(spec: LoadSpec): Promise<LoadResult> {
  const args = ['-c', String(spec.connections), '-d', String(spec.durationS), '-m', 'POST', '-b', spec.body, '--json', '-t', String(spec.timeoutS ?? 10)];
  for (const [k, v] of Object.entries(spec.headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await run('node_modules/.bin/autocannon', [...args, spec.url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { total: number }; duration: number; errors: number; timeouts: number; non2xx: number; latency: { p50: number; p99: number } };
  return { requests: r.requests.total, rps: r.requests.total / r.duration, errors: r.errors + r.timeouts, non2xx: r.non2xx, p50: r.latency.p50, p99: r.latency.p99, durationS: r.duration };
}

export function load(tool: LoadTool, spec: LoadSpec): Promise<LoadResult> {
  return tool === 'wrk' ? wrkLoad(spec) : autocannonLoad(spec);
}
