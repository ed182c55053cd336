import type { PresetName } from '../shared/presets.js';
import type { AuditErrorFilter, AuditStatusClass } from '../shared/error-kind.js';
import type { AuditEvent, AuditDecision } from '../shared/audit-event.js';
import type { FlushedListener } from './audit-writer.js';
import type { PendingDecision, PendingRecord } from './pending-record.js';

/**
 * The one interface the rest of the gateway sees. Every verb that touches storage returns a Promise,
 * so a networked implementation (PostgreSQL, Redis) can replace the embedded SQLite one without
 * touching callers. The only synchronous verbs are the audit queue's, which are in-memory by design.
 */
export interface Store {
  readonly vault: VaultRepo;
  readonly pending: PendingRepo;
  readonly nonces: NonceRepo;
  readonly audit: AuditRepo;
  readonly rules: RulesRepo;
  readonly clientKeys: ClientKeysRepo;
  readonly providerKeys: ProviderKeysRepo;
  readonly settings: SettingsRepo;
  readonly responseChains: ResponseChainRepo;
  /** What opening found: whether the last run ended uncleanly, and the integrity check's verdict. */
  readonly startup: StartupReport;
  stats(): StoreStats;
  /** Applies retention now (it also runs on a timer). */
  prune(): Promise<PruneReport>;
  /** Drains queued writes, checkpoints the WAL and closes. Idempotent. */
  close(): Promise<void>;
}

export interface StartupReport {
  uncleanShutdown: boolean;
  integrity: 'ok' | 'skipped';
  /** Items left pending by a previous run; their held exchanges died with it, so they became abandoned. */
  abandonedPending: number;
}

export interface StoreStats {
  auditQueueDepth: number;
  auditQueueCapacity: number;
  auditFlushed: number;
  auditBatches: number;
  /** Group-committed write transactions, and the operations they carried. */
  writeTransactions: number;
  writeOps: number;
}

export interface PruneReport {
  audit: number;
  vault: number;
  nonces: number;
  pending: number;
  rules: number;
  responseChains: number;
}

export interface VaultEntry {
  scope: string;
  placeholder: string;
  value: string;
  /** Detector category of the value (email, aws-key…), for restore-side decisions and stats. */
  kind: string;
  /** Epoch ms; defaults to now + the store's vault TTL (24 h). */
  expiresAt?: number;
}

export interface VaultRepo {
  /** Durable (committed, synchronous=FULL) before it resolves; concurrent puts share one commit. */
  put(entries: readonly VaultEntry[]): Promise<void>;
  /** The original value, or undefined when unknown or expired. */
  get(scope: string, placeholder: string): Promise<string | undefined>;
}

/** Responses API chains: response id → the placeholders its conversation showed the model. */
export interface ResponseChainRepo {
  /** Committed before it resolves; replaces an earlier entry for the same id. */
  put(entry: { scope: string; responseId: string; placeholders: readonly string[]; expiresAt: number }): Promise<void>;
  /** Undefined when unknown or expired. */
  get(scope: string, responseId: string): Promise<string[] | undefined>;
}

export interface PendingRepo {
  /** Durable before it resolves. The record's status must be 'pending'. */
  create(record: PendingRecord): Promise<void>;
  get(id: string): Promise<PendingRecord | undefined>;
  /** Items still pending, oldest first. */
  listPending(): Promise<PendingRecord[]>;
  /** Moves a pending item to its outcome; undefined when it is unknown or already decided. */
  decide(id: string, decision: PendingDecision): Promise<PendingRecord | undefined>;
  /** Moves a pending item's deadline (the user touched it); false when it is no longer pending. */
  extend(id: string, expiresAt: number): Promise<boolean>;
  /** Records, durably, that someone revealed a pending item's full text; false when it is no longer pending. */
  recordReveal(id: string, reveal: { by: string; at: number }): Promise<boolean>;
}

export interface NonceRepo {
  /** Durable before it resolves. False means the nonce was already seen and has not expired: a replay. */
  insertIfAbsent(nonce: string, expiresAt: number): Promise<boolean>;
}

export interface AuditQuery {
  since?: number;
  until?: number;
  /** Case-insensitive substring of the client app name or the client key id. */
  client?: string;
  decision?: AuditDecision;
  category?: string;
  provider?: string;
  /** Case-insensitive substring of the app, key id, route, model, event id, held item id, error code or provider. */
  q?: string;
  /** The status class sent to the client, e.g. `4xx`. */
  status?: AuditStatusClass;
  /** How it failed (shared/error-kind.ts); `any` is every failure. */
  error?: AuditErrorFilter;
  /** true: only exchanges held for a decision (those with a pending id). */
  held?: boolean;
  limit?: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
}

export interface AuditPage {
  events: AuditEvent[];
  /** Present when more (older) events match. */
  nextCursor?: string;
}

export interface AuditRepo {
  /** False when the queue is full: answer 503 GW_ERR_AUDIT_BACKPRESSURE. Never drops an accepted event. */
  enqueue(event: AuditEvent): boolean;
  hasCapacity(): boolean;
  readonly depth: number;
  /** Batch writes that failed in a row (disk full, read-only); 0 while the store keeps up. */
  readonly failing: number;
  /** Called with the ids of every committed batch. Returns the unsubscribe. */
  onFlushed(listener: FlushedListener): () => void;
  /** Resolves once everything enqueued so far is durable. */
  flush(): Promise<void>;
  /** Newest first, keyset-paged. */
  list(query: AuditQuery): Promise<AuditPage>;
  /** Oldest first, from `since`, read in pages so no read transaction stays open across awaits. */
  export(options: { since?: number; until?: number }): AsyncIterable<AuditEvent>;
  get(id: string): Promise<AuditEvent | undefined>;
}

export interface RuleRecord {
  id: string;
  createdAt: number;
  expiresAt?: number;
  /** The policy engine's rule, validated there; the store keeps it as JSON. */
  rule: unknown;
}

export interface RulesRepo {
  /** Rules that have not expired, oldest first. */
  list(): Promise<RuleRecord[]>;
  upsert(record: RuleRecord): Promise<void>;
  /** False when no such rule existed. */
  delete(id: string): Promise<boolean>;
  /** Adds counts (and moves last-match times forward) per rule id, in one write; callers batch. */
  addHits(hits: readonly RuleHits[]): Promise<void>;
  /** Every rule id's count so far, deleted rules' included (an undo brings a rule back with its count). */
  hits(): Promise<RuleHits[]>;
}

export interface RuleHits {
  ruleId: string;
  /** Exchanges the rule decided a finding of. */
  hits: number;
  /** Epoch ms of the latest. */
  lastHitAt: number;
}

export interface ClientKeyRecord {
  id: string;
  name: string;
  /** The tool the key belongs to, used for audit attribution and per-app rules. */
  app: string;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
  /** The key's own policy preset, replacing the global one for its requests; absent: the global preset. */
  preset?: PresetName;
}

export interface ClientKeysRepo {
  /** The key is returned once and stored only as a hash. */
  create(input: { name: string; app: string; preset?: PresetName }): Promise<{ id: string; key: string; record: ClientKeyRecord }>;
  /** Sets (or with undefined clears) a live key's preset; false when unknown or revoked. */
  setPreset(id: string, preset: PresetName | undefined): Promise<boolean>;
  /** The record of a live (not revoked) key, or undefined. */
  verify(key: string): Promise<ClientKeyRecord | undefined>;
  list(): Promise<ClientKeyRecord[]>;
  /** False when unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Records a use. Coalesced and written within about a second; callers need not await it. */
  touch(id: string): Promise<void>;
}

export interface ProviderKeysRepo {
  setProviderKey(provider: string, key: string): Promise<void>;
  getProviderKey(provider: string): Promise<string | undefined>;
  clearProviderKey(provider: string): Promise<boolean>;
  hasProviderKey(provider: string): Promise<boolean>;
}

export interface StoredSetting<T = unknown> {
  /** Schema version of the stored value, so an older copy can be migrated step by step. */
  version: number;
  value: T;
  updatedAt: number;
}

export interface SettingsRepo {
  get(key: string): Promise<StoredSetting | undefined>;
  put(key: string, value: unknown, version: number): Promise<void>;
}
