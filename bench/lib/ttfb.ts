// Time to the first response byte (for SSE: the first event), measured sequentially at c=1 with a
// keep-alive client, so the difference between targets is what the proxy adds.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export async function firstByteTimes(url: string, path: string, body: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      times.push(
        await new Promise<number>((resolve, reject) => {
          const t0 = performance.now();
          const req = http.request(`${url}${path}`, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
            let first: number | undefined;
            res.on('data', () => (first ??= performance.now() - t0));
            res.on('end', () => resolve(first ?? performance.now() - t0));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(body);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return times;
}
