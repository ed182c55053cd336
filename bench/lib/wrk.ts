// wrk in a separate process (on 2 cores autocannon costs as much CPU as the server), driven by a
// generated Lua script that POSTs a fixed body and prints a JSON summary from done().
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LoadResult {
  requests: number;
  rps: number;
  errors: number;
  non2xx: number;
  p50: number;
  p99: number;
  durationS: number;
}

export function haveWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version exits 1 after printing its version; only a missing binary throws ENOENT.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

const lua = (body: string, headers: Record<string, string>) => `
wrk.method = "POST"
wrk.body = ${JSON.stringify(body)}
${Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n')}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"errors":%d,"p50":%.3f,"p99":%.3f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`;

export interface LoadSpec {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  timeoutS?: number;
  tmpDir: string;
}

export async function wrkLoad(spec: LoadSpec): Promise<LoadResult> {
  const script = join(spec.tmpDir, `wrk-${process.pid}-${Date.now()}.lua`);
  writeFileSync(script, lua(spec.body, spec.headers));
  const threads = Math.min(2, spec.connections);
  const { stdout } = await run(
    'wrk',
    ['-t', String(threads), '-c', String(spec.connections), '-d', `${spec.durationS}s`, '--timeout', `${spec.timeoutS ?? 10}s`, '-s', script, spec.url],
    { maxBuffer: 4 * 1024 * 1024, timeout: (spec.durationS + 60) * 1000 },
  );
  const statusErrors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const json = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!json) throw new Error(`wrk printed no summary:\n${stdout}`);
  const r = JSON.parse(json) as { requests: number; durationUs: number; errors: number; p50: number; p99: number };
  const durationS = r.durationUs / 1e6;
  return { requests: r.requests, rps: r.requests / durationS, errors: r.errors, non2xx: statusErrors, p50: r.p50, p99: r.p99, durationS };
}
