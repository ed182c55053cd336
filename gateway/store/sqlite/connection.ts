import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'aegisgate.db';
/** Present while a store is open; finding it at startup means the last run did not close cleanly. */
export const OPEN_MARKER = `${DB_FILE}.open`;

export class StoreIntegrityError extends Error {
  readonly problems: string[];
  constructor(path: string, problems: string[]) {
    super(`${path} failed PRAGMA integrity_check after an unclean shutdown: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'StoreIntegrityError';
    this.problems = problems;
  }
}

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  uncleanShutdown: boolean;
  integrity: 'ok' | 'skipped';
}

export interface ConnectionOptions {
  busyTimeoutMs?: number;
}

/**
 * Opens the one connection: WAL so readers never wait on the writer, synchronous=FULL so a commit is
 * on disk when it returns (the writes that gate forwarding rely on that), a busy timeout for outside
 * readers such as a user's sqlite3 shell, and foreign keys on. The file is created 0600 before
 * SQLite sees it; SQLite gives -wal and -shm the database file's mode, and we chmod them anyway.
 */
export function openDatabase(dataDir: string, options: ConnectionOptions = {}): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, DB_FILE);
  const marker = join(dataDir, OPEN_MARKER);
  const existed = existsSync(path);
  const uncleanShutdown = existed && existsSync(marker);
  if (!existed) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);

  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('foreign_keys = ON');
    let integrity: 'ok' | 'skipped' = 'skipped';
    if (uncleanShutdown) {
      checkIntegrity(db, path);
      integrity = 'ok';
    }
    restrictSidecars(path);
    writeMarker(marker);
    return { db, path, uncleanShutdown, integrity };
  } catch (err) {
    db.close();
    throw err;
  }
}

function checkIntegrity(db: Database.Database, path: string): void {
  let problems: string[];
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (err) {
    // Damage bad enough that the check itself cannot finish (SQLITE_CORRUPT, SQLITE_NOTADB).
    problems = [err instanceof Error ? err.message : String(err)];
  }
  if (problems.length > 0) throw new StoreIntegrityError(path, problems);
}

/** -wal and -shm appear lazily and reappear after a TRUNCATE checkpoint; keep them owner-only. */
export function restrictSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm']) {
    try {
      chmodSync(path + suffix, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

function writeMarker(marker: string): void {
  const fd = openSync(marker, 'w', 0o600);
  try {
    writeSync(fd, `${process.pid}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function clearMarker(dataDir: string): void {
  rmSync(join(dataDir, OPEN_MARKER), { force: true });
}
