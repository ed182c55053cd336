import { randomBytes } from 'node:crypto';
import type { AuditWriterOptions } from '../audit-writer.js';
import { keyFingerprint } from '../../keys/fingerprint.js';
import type { Keys } from '../../keys/subkeys.js';
import type { PendingRecord } from '../pending-record.js';
import { retentionPass } from '../retention.js';
import type { Store, StoreStats } from '../types.js';
import { PgAudit } from './audit.js';
import { PgClientKeys } from './client-keys.js';
import { checkKeyFingerprint } from './facts.js';
import { migratePostgres } from './migrations.js';
import { PgNonces } from './nonces.js';
import { PgPending } from './pending.js';
import { openPool } from './pool.js';
import { PgProviderKeys } from './provider-keys.js';
import { PgResponseChains } from './response-chains.js';
import { PgRules } from './rules.js';
import { PgSettings } from './settings.js';
import { PgVault } from './vault.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PostgresStoreOptions {
  url: string;
  keys: Keys;
  now?: () => number;
  audit?: AuditWriterOptions;
  retention?: { auditMs?: number; pendingMs?: number };
  vaultTtlMs?: number;
  /** Most pooled connections of this instance. Default 10. */
  poolMax?: number;
  /** Names this instance as the holder of its held items. Default: random. */
  instanceId?: string;
  /** How long a held item outlives its holder's last renewal before it is abandoned. Default 10 s. */
  leaseMs?: number;
  pruneIntervalMs?: number;
  onError?: (err: unknown) => void;
  /** Items another instance held whose lease lapsed, abandoned by this one's sweep. */
  onAbandoned?: (records: PendingRecord[]) => void;
}

/** The shared store's extra verbs, beyond the Store interface every backend has. */
export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  readonly instanceId: string;
  readonly pending: PgPending;
  /**
   * Ids of held items this instance renews the lease of, and what to do with one found settled
   * elsewhere (the fallback when the event fan-out missed the decision).
   */
  holding(ids: () => Iterable<string>, onSettledElsewhere: (record: PendingRecord) => void): void;
  /** True after the last query succeeded; false while the server is unreachable. */
  readonly reachable: boolean;
}

/**
 * Opens the shared PostgreSQL store: a bounded pool, migrations under an advisory lock, the key
 * fingerprint checked, then lease renewal, lapsed-item sweeping and pruning on timers.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const pool = openPool({ url: options.url, max: options.poolMax, onError });
  try {
    await migratePostgres(pool);
    await checkKeyFingerprint(pool, keyFingerprint(options.keys));
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const instanceId = options.instanceId ?? `gw_${randomBytes(6).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 10_000;
  const vault = new PgVault(pool, { key: options.keys.vault, now, defaultTtlMs: options.vaultTtlMs ?? DAY });
  const pending = new PgPending(pool, { instanceId, leaseMs, now });
  const nonces = new PgNonces(pool, now);
  const audit = new PgAudit(pool, { onError, ...options.audit });
  const rules = new PgRules(pool, now);
  const clientKeys = new PgClientKeys(pool, now);
  const providerKeys = new PgProviderKeys(pool, options.keys.providerKeys, now);
  const settings = new PgSettings(pool, now);
  const responseChains = new PgResponseChains(pool, now);

  let reachable = true;
  const note = async <T>(p: Promise<T>): Promise<T | undefined> => {
    try {
      const v = await p;
      reachable = true;
      return v;
    } catch (err) {
      reachable = false;
      onError(err);
      return undefined;
    }
  };
  // Items whose holder died before this start are abandoned now; later ones by the sweep below.
  const abandoned = (await note(pending.abandonLapsed())) ?? [];
  let held: () => Iterable<string> = () => [];
  let onSettledElsewhere: (record: PendingRecord) => void = () => undefined;
  const leaseTick = async () => {
    const ids = [...held()];
    const live = await note(pending.renewLeases(ids));
    for (const id of live ? ids.filter((i) => !live.has(i)) : []) {
      const record = await note(pending.get(id));
      if (record && record.status !== 'pending') onSettledElsewhere(record);
    }
    const lapsed = await note(pending.abandonLapsed());
    if (lapsed && lapsed.length > 0) options.onAbandoned?.(lapsed);
  };
  // Renew well inside the lease, so one slow round trip never lets a live item lapse.
  const leaseTimer = setInterval(() => void leaseTick(), Math.max(50, Math.floor(leaseMs / 4)));
  leaseTimer.unref();

  const prune = retentionPass({ audit, vault, nonces, pending, rules, responseChains }, now, options.retention);
  const pruneTimer = setInterval(() => void prune().catch(onError), options.pruneIntervalMs ?? HOUR);
  pruneTimer.unref();

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    clearInterval(leaseTimer);
    clearInterval(pruneTimer);
    // Every step runs even if one failed, so no queued caller waits forever; the first failure is thrown.
    const failures: unknown[] = [];
    for (const step of [() => audit.close(), () => clientKeys.flushTouches(), () => pool.end()]) {
      await step().catch((err: unknown) => failures.push(err));
    }
    if (failures.length > 0) throw failures[0];
  };

  return {
    kind: 'postgres',
    instanceId,
    vault, pending, nonces, audit, rules, clientKeys, providerKeys, settings, responseChains,
    startup: { uncleanShutdown: false, integrity: 'skipped', abandonedPending: abandoned.length },
    get reachable() {
      return reachable;
    },
    holding(ids, settled) {
      held = ids;
      onSettledElsewhere = settled;
    },
    stats: (): StoreStats => {
      const w = audit.writer.stats;
      return {
        auditQueueDepth: w.depth,
        auditQueueCapacity: audit.writer.capacity,
        auditFlushed: w.flushed,
        auditBatches: w.batches,
        writeTransactions: w.batches,
        writeOps: w.flushed,
      };
    },
    prune,
    close: () => (closing ??= close()),
  };
}
