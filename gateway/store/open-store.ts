import type { AuditWriterOptions } from './audit-writer.js';
import type { Keys } from '../keys/subkeys.js';
import { openSqliteStore } from './sqlite/open.js';
import type { PendingRecord } from './pending-record.js';
import type { Store } from './types.js';

export interface OpenStoreOptions {
  /** postgres://… for the shared store; empty for the embedded SQLite file in dataDir. */
  url: string;
  dataDir: string;
  keys: Keys;
  audit?: AuditWriterOptions;
  retention?: { auditMs?: number };
  poolMax?: number;
  leaseMs?: number;
  onError: (err: unknown) => void;
  /** Shared store: held items another instance held until its lease lapsed. */
  onAbandoned?: (records: PendingRecord[]) => void;
}

/**
 * The one place a backend is chosen. SQLite stays the default, loaded exactly as before; the
 * PostgreSQL backend (and `pg`, about 3 MB of heap) is loaded only when a store URL asks for it.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { url, dataDir, keys, audit, retention, onError } = options;
  if (url === '') return openSqliteStore({ dataDir, keys, audit, retention, onError });
  const { openPostgresStore } = await import('./postgres/open.js');
  return openPostgresStore({ url, keys, audit, retention, onError, poolMax: options.poolMax, leaseMs: options.leaseMs, onAbandoned: options.onAbandoned });
}
