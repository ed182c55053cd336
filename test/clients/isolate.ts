// Runs a client program so that the gateway is the only thing it can reach. Where the machine allows
// it (root, util-linux `unshare`, iproute2 `ip`), the client gets a network namespace of its own with
// nothing but loopback: the gateway's port is bridged in through a Unix socket, every other address
// fails at once (no route, so no DNS wait either). Elsewhere it runs in the host's namespace. In both
// cases its proxy settings point at a sentinel that records and refuses any attempt to go elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Isolated {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Request lines the sentinel caught (`CONNECT api.anthropic.com:443 HTTP/1.1`…): attempts to leave. */
  outbound: string[];
  ms: number;
}

export interface IsolateOptions {
  cwd: string;
  /** The client's whole environment besides PATH, LANG and the proxy settings (nothing is inherited). */
  env: Record<string, string>;
  /** Loopback ports the client may reach (the gateway's). */
  reach: readonly number[];
  timeoutMs: number;
}

const BRIDGE = join(import.meta.dirname, 'netns-bridge.mjs');
let netns: boolean | undefined;

/** Whether clients run in a network namespace of their own here (else only behind the sentinel). */
export function hasNetns(): boolean {
  netns ??= spawnSync('unshare', ['--net', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  return netns;
}

function forward(socket: string, port: number): Promise<Server> {
  const server = createServer((conn) => {
    const gateway = connect(port, '127.0.0.1');
    conn.on('error', () => gateway.destroy());
    gateway.on('error', () => conn.destroy());
    conn.pipe(gateway);
    gateway.pipe(conn);
  });
  return new Promise((resolve, reject) => server.once('error', reject).listen(socket, () => resolve(server)));
}

export async function runIsolated(argv: readonly string[], opts: IsolateOptions): Promise<Isolated> {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-isolate-'));
  const sentinelLog = join(dir, 'outbound.log');
  const isolated = hasNetns();
  const servers = isolated ? await Promise.all(opts.reach.map((port) => forward(join(dir, `gw-${port}.sock`), port))) : [];
  const cfg = {
    forwards: isolated ? opts.reach.map((port) => ({ port, socket: join(dir, `gw-${port}.sock`) })) : [],
    sentinelLog,
    argv,
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', TERM: 'dumb', ...opts.env },
  };
  const command = isolated
    ? ['unshare', '--net', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, BRIDGE]
    : [process.execPath, BRIDGE];
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), { env: { PATH: cfg.env.PATH, AEGIS_BRIDGE: JSON.stringify(cfg) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => {
    stderr += `\n[isolate] killed after ${opts.timeoutMs} ms`;
    // The whole process group: the bridge and the client it started (both ours).
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, opts.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  for (const s of servers) s.close();
  let outbound: string[] = [];
  try {
    outbound = readFileSync(sentinelLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string);
  } catch {
    /* nothing was attempted */
  }
  rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, outbound, ms: performance.now() - started };
}
