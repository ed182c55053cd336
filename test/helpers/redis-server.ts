// A private Redis server for tests: redis-server on a free port on 127.0.0.1, no persistence,
// stopped at the end. Redis runs as root, so no user switch is needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { freePort } from './free-port.js';
import { onProcessEnd } from './on-process-end.js';

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGTERM), to test an unreachable Redis. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it for good. Idempotent. */
  destroy(): Promise<void>;
}

export function findRedisServer(): string | undefined {
  return [process.env.AEGIS_REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/bin/valkey-server']
    .find((p) => p && existsSync(p));
}

export function redisAvailable(): boolean {
  return findRedisServer() !== undefined;
}

export async function startRedis(): Promise<RedisServer> {
  const bin = findRedisServer();
  if (!bin) throw new Error('redis-server not found: install it (apt-get install redis-server) or set AEGIS_REDIS_SERVER');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const killNow = () => child?.kill('SIGKILL');
  const start = async () => {
    const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    proc.stdout?.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 20_000);
      proc.stdout?.on('data', (d: string) => {
        out += d;
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out}`));
      });
    });
    // Keep draining its output so a full pipe never blocks it.
    proc.stdout?.resume();
    proc.stderr?.resume();
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  const unregister = onProcessEnd(killNow);
  let destroyed = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await stop();
      unregister();
    },
  };
}

