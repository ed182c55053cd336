// The failure as a user met it: the real CLI process under a low open-files limit, flooded
// with idle sockets. The default connection cap (fitted to the limit) keeps descriptors for upstream
// sockets and the store, so a connected client keeps being served. Its own file: a process start
// costs tens of seconds on a loaded machine.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { CLI, tempDir, type ChildGateway, type ListeningLine } from '../helpers/gateway.js';
import { get, idleSocket, metric } from '../helpers/connections.js';

describe('idle sockets against the real process under a low descriptor limit', () => {
  let fake: FakeProvider;
  let child: ChildGateway;
  let dir: string;
  before(async () => {
    fake = await startFakeProvider();
    dir = tempDir('aegis-fd-');
    // /metrics needs the admin token unless opened; this test reads it without one.
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ metrics: { open: true } }));
    // 200 descriptors: the default cap becomes 68, leaving room for upstream sockets and the store.
    const proc = spawn('sh', ['-c', 'ulimit -n 200 && exec "$0" "$@"', process.execPath, CLI, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config,
      '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    child = await listeningChild(proc);
  });
  after(async () => {
    child.proc.kill('SIGTERM');
    await child.exited;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('300 idle sockets: the excess is closed at once, and a connected client keeps getting answers from upstream', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const idle: Socket[] = [];
    try {
      assert.equal((await get(child.url, '/v1/models', agent)).status, 200);
      idle.push(...(await Promise.all(Array.from({ length: 300 }, () => idleSocket(child.url)))).map((s) => s.socket));
      // The process still has descriptors for its upstream sockets and the store: the idle sockets
      // past the cap never took one.
      for (let i = 0; i < 5; i++) assert.equal((await get(child.url, `/v1/models?i=${i}`, agent)).status, 200);
      const metrics = await get(child.url, '/metrics', agent);
      assert.ok(metric(metrics.text, 'aegisgate_client_connections_dropped_total') >= 300 - 68, metrics.text.slice(0, 200));
    } finally {
      for (const s of idle) s.destroy();
      agent.destroy();
    }
  });
});

async function listeningChild(proc: ChildProcessWithoutNullStreams): Promise<ChildGateway> {
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout }).once('line', resolve);
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  const parsed = JSON.parse(line) as ListeningLine;
  return { url: parsed.url, line: parsed, proc, stderr: () => err, exited };
}
