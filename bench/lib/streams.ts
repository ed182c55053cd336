// Many concurrent long SSE streams, opened by a ramped Node client (wrk would open them all in one
// burst and count reconnects as errors). Every stream must complete; errors are counted per stream.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StreamsResult {
  completed: number;
  errors: number;
  /** Streams open at once at the peak. */
  peakOpen: number;
  wallS: number;
}

export async function runStreams(url: string, body: string, headers: Record<string, string>, count: number, rampMs: number, timeoutMs: number): Promise<StreamsResult> {
  let completed = 0;
  let errors = 0;
  let open = 0;
  let peakOpen = 0;
  const t0 = performance.now();
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => {
          if (res.statusCode === 200 && bytes > 0) completed++;
          else errors++;
          open--;
          resolve();
        });
        res.on('error', () => {
          errors++;
          open--;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        open--;
        resolve();
      });
      open++;
      peakOpen = Math.max(peakOpen, open);
      req.end(body);
    });
  const all: Promise<void>[] = [];
  const steps = 20;
  for (let s = 0; s < steps; s++) {
    const n = Math.floor(count / steps) + (s < count % steps ? 1 : 0);
    for (let i = 0; i < n; i++) all.push(one());
    await sleep(rampMs / steps);
  }
  await Promise.all(all);
  return { completed, errors, peakOpen, wallS: (performance.now() - t0) / 1000 };
}
