import type { AuditWriterOptions } from '../audit-writer.js';
import type { Keys } from '../../keys/subkeys.js';
import { retentionPass } from '../retention.js';
import type { StartupReport, Store, StoreStats } from '../types.js';
import { SqliteAudit } from './audit.js';
import { SqliteClientKeys } from './client-keys.js';
import { clearMarker, openDatabase, type OpenedDatabase } from './connection.js';
import { GroupCommitter } from './group-commit.js';
import { Maintenance } from './maintenance.js';
import { migrate } from './migrations.js';
import { SqliteNonces } from './nonces.js';
import { SqlitePending } from './pending.js';
import { SqliteResponseChains } from './response-chains.js';
import { SqliteProviderKeys } from './provider-keys.js';
import { SqliteRules } from './rules.js';
import { SqliteSettings } from './settings.js';
import { SqliteVault } from './vault.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SqliteStoreOptions {
  dataDir: string;
  keys: Keys;
  now?: () => number;
  audit?: AuditWriterOptions;
  retention?: {
    /** Audit events older than this are deleted. Default 30 days. */
    auditMs?: number;
    /** Decided confirmations older than this are deleted. Default 7 days. */
    pendingMs?: number;
  };
  /** Vault expiry when a put does not give one. Default 24 h. */
  vaultTtlMs?: number;
  idleCheckpointMs?: number;
  pruneIntervalMs?: number;
  busyTimeoutMs?: number;
  /** Background failures (a checkpoint or prune that threw, an audit batch that will be retried). */
  onError?: (err: unknown) => void;
}

/** Opens the embedded store in `<dataDir>/aegisgate.db`: one connection, migrated, upkeep timers running. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const opened = openDatabase(options.dataDir, { busyTimeoutMs: options.busyTimeoutMs });
  try {
    return assemble(opened, options);
  } catch (err) {
    opened.db.close();
    throw err;
  }
}

function assemble(opened: OpenedDatabase, options: SqliteStoreOptions): Store {
  const { db } = opened;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  migrate(db);

  // Timers fire later, so the repos used by `prune` below exist by then.
  const noteWrite = () => maintenance.noteWrite();
  const committer = new GroupCommitter(db, noteWrite);
  const vault = new SqliteVault(db, committer, { key: options.keys.vault, now, defaultTtlMs: options.vaultTtlMs ?? DAY });
  const pending = new SqlitePending(db, committer);
  const nonces = new SqliteNonces(db, committer, now);
  const audit = new SqliteAudit(db, { onError, ...options.audit }, noteWrite);
  const rules = new SqliteRules(db, committer, now);
  const clientKeys = new SqliteClientKeys(db, committer, now);
  const providerKeys = new SqliteProviderKeys(db, committer, options.keys.providerKeys, now);
  const settings = new SqliteSettings(db, committer, now);
  const responseChains = new SqliteResponseChains(db, committer, now);

  const abandonedPending = db.transaction(() => pending.abandonAll(now())).immediate();
  const startup: StartupReport = { uncleanShutdown: opened.uncleanShutdown, integrity: opened.integrity, abandonedPending };
  const prune = retentionPass({ audit, vault, nonces, pending, rules, responseChains }, now, options.retention);
  const maintenance = new Maintenance(db, opened.path, {
    idleCheckpointMs: options.idleCheckpointMs ?? 30_000,
    pruneIntervalMs: options.pruneIntervalMs ?? HOUR,
    prune,
    onError,
  });

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await maintenance.stop();
    let failure: { err: unknown } | undefined;
    const attempt = async (step: () => unknown) => {
      try {
        await step();
      } catch (err) {
        failure ??= { err };
      }
    };
    // Each step runs even if an earlier one failed, so no queued caller is left waiting forever.
    await attempt(() => audit.close());
    await attempt(() => clientKeys.flushTouches());
    await attempt(() => committer.close());
    if (!failure) await attempt(() => maintenance.checkpoint());
    db.close();
    if (failure) throw failure.err;
    // Only a close that drained everything counts as clean; otherwise the next open checks integrity.
    clearMarker(options.dataDir);
  };

  return {
    vault, pending, nonces, audit, rules, clientKeys, providerKeys, settings, responseChains, startup,
    stats: (): StoreStats => {
      const w = audit.writer.stats;
      return {
        auditQueueDepth: w.depth,
        auditQueueCapacity: audit.writer.capacity,
        auditFlushed: w.flushed,
        auditBatches: w.batches,
        writeTransactions: committer.transactions,
        writeOps: committer.ops,
      };
    },
    prune: () => maintenance.runPrune(),
    close: () => (closing ??= close()),
  };
}
