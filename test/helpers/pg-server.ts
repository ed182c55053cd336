// A private PostgreSQL server for tests: initdb into a throwaway dir, pg_ctl start on a free port on
// 127.0.0.1, one database per test, stopped and removed at the end. initdb and postgres refuse to run
// as root, and CI runs as root, so as root every server command runs as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { onProcessEnd } from './on-process-end.js';

export interface PgServer {
  port: number;
  /** A URL for the named database on this server. */
  url(database?: string): string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Fast shutdown (the data dir stays), to test an unreachable server. */
  stop(): void;
  /** Starts again on the same port and data dir. */
  start(): void;
  /** Stops the server and deletes its data dir. Idempotent. */
  destroy(): void;
}

/** The directory holding initdb/pg_ctl: $AEGIS_PG_BIN, /usr/local/bin, or Debian's /usr/lib/postgresql/<v>/bin. */
export function findPgBin(): string | undefined {
  const candidates = [process.env.AEGIS_PG_BIN, '/usr/local/bin', '/usr/bin'];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const asRoot = userInfo().uid === 0;

function runAsServerUser(cmd: string, args: string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

let counter = 0;

export async function startPostgres(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL not found: install it (apt-get install postgresql) or set AEGIS_PG_BIN');
  const dir = mkdtempSync(join(tmpdir(), 'aegis-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  runAsServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const pgCtl = join(bin, 'pg_ctl');
  // fsync off: the tests' durability claims are about what the gateway awaits, not about the disk.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  let running = false;
  const start = () => {
    runAsServerUser(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = () => {
    if (!running) return;
    running = false;
    runAsServerUser(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    try {
      stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      unregister();
    }
  };
  start();
  // A test process that dies without its after-hook must not leave a server behind.
  const unregister = onProcessEnd(destroy);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(prefix = 't') {
      const name = `${prefix}_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    destroy,
  };
}

/** True when a PostgreSQL server can be started here (binaries present, and a `postgres` user when root). */
export function postgresAvailable(): boolean {
  if (!findPgBin()) return false;
  return !asRoot || spawnSync('id', ['-u', 'postgres']).status === 0;
}
