// Idle and excess connections: a socket that never sends a request is closed after
// server.idleTimeoutMs; past server.maxConnections new connections are closed at once and counted,
// while a client already connected keeps being served and new clients get in once idle ones go.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { defaultMaxConnections } from '../../gateway/boundary/connections.js';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { CLI, tempDir, type ChildGateway, type ListeningLine } from '../helpers/gateway.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';
import { waitUntil } from '../helpers/wait.js';

const CAP = 20;

function get(base: string, path: string, agent: Agent | false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket that sends nothing; `closed` tells whether (and when) the gateway closed it. */
function idleSocket(base: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let closed = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve({ socket, closed: () => closed }));
    socket.on('error', () => undefined);
    socket.on('close', () => (closed = true));
    socket.once('error', reject);
  });
}

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('idle and excess client connections', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { server: { maxConnections: CAP, idleTimeoutMs: 1500 } } });
  });
  after(() => rig.close());

  it('many idle sockets against a small cap: the excess is closed at once and counted, a connected client is served, idle ones time out', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // A legitimate client, connected before the flood.
      assert.equal((await get(rig.url, '/v1/models', agent)).status, 200);
      const idle = await Promise.all(Array.from({ length: CAP * 2 }, () => idleSocket(rig.url)));
      await waitUntil(() => idle.filter((s) => s.closed()).length >= CAP, 'the connections past the cap to be closed', 3000);
      const metrics = await get(rig.url, '/metrics', agent);
      assert.ok(metric(metrics.text, 'aegisgate_client_connections_dropped_total') >= CAP, metrics.text);
      assert.equal(metric(metrics.text, 'aegisgate_client_connections_open'), CAP);
      // The connected client keeps working while the cap is full.
      assert.equal((await get(rig.url, '/v1/models', agent)).status, 200);
      // The idle ones are closed by the idle timeout; then a new client gets in.
      await waitUntil(() => idle.every((s) => s.closed()), 'the idle connections to be closed', 10_000);
      assert.equal((await get(rig.url, '/v1/models', false)).status, 200);
      const after = await get(rig.url, '/metrics', agent);
      assert.ok(metric(after.text, 'aegisgate_client_connections_idle_closed_total') >= CAP - 1, after.text);
    } finally {
      agent.destroy();
    }
  });

  it('the default cap follows the descriptor limit, leaving room for upstream sockets and the store', () => {
    assert.equal(defaultMaxConnections(1024), 480);
    assert.equal(defaultMaxConnections(256), 96);
    assert.equal(defaultMaxConnections(20), 16);
  });
});

describe('idle sockets against the real process under a low descriptor limit', () => {
  let fake: FakeProvider;
  let child: ChildGateway;
  let dir: string;
  before(async () => {
    fake = await startFakeProvider();
    dir = tempDir('aegis-fd-');
    // 200 descriptors: the default cap becomes 68, leaving room for upstream sockets and the store.
    const proc = spawn('sh', ['-c', 'ulimit -n 200 && exec "$0" "$@"', process.execPath, CLI, 'serve', '--port', '0', '--data-dir', dir,
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
      for (let i = 0; i < 300; i++) idle.push((await idleSocket(child.url)).socket);
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
