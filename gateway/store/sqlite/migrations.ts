import type { Database } from 'better-sqlite3';

/**
 * Numbered migrations, applied in order inside one transaction each; `PRAGMA user_version` records
 * how many have run. Never edit a shipped entry: append a new one. Times are epoch ms integers.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: initial schema. Tables are STRICT (typed columns) and WITHOUT ROWID where the primary key is
  // the natural lookup, so each row lives in one b-tree. Audit events are stored as columns rather
  // than one JSON blob: serializing the whole event was the largest cost of a batch insert.
  `
  CREATE TABLE vault (
    scope TEXT NOT NULL,
    placeholder TEXT NOT NULL,
    kind TEXT NOT NULL,
    value BLOB NOT NULL,            -- AES-256-GCM, AAD = scope + placeholder
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (scope, placeholder)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX vault_expiry ON vault (expires_at);

  CREATE TABLE pending (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    decided_at INTEGER,
    record TEXT NOT NULL            -- JSON PendingRecord; masked preview only
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX pending_status ON pending (status, created_at);

  CREATE TABLE nonces (
    nonce TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX nonces_expiry ON nonces (expires_at);

  CREATE TABLE audit (
    id TEXT PRIMARY KEY,            -- time-ordered
    time INTEGER NOT NULL,
    client_app TEXT NOT NULL,
    client_key_id TEXT,
    provider TEXT NOT NULL,
    route TEXT NOT NULL,
    model TEXT,
    stream INTEGER NOT NULL,
    status INTEGER NOT NULL,
    total_ms REAL NOT NULL,
    upstream_ms REAL NOT NULL,
    overhead_ms REAL NOT NULL,
    bytes_in INTEGER NOT NULL,
    bytes_out INTEGER NOT NULL,
    input_tokens INTEGER,
    output_tokens INTEGER,
    findings TEXT NOT NULL,         -- JSON category → count; never values
    decision TEXT NOT NULL,
    error_code TEXT,
    pending_id TEXT,
    rule_ids TEXT                   -- JSON array of rule ids
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX audit_time ON audit (time, id);

  CREATE TABLE rules (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    rule TEXT NOT NULL              -- JSON, schema owned by the policy engine
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE client_keys (
    id TEXT PRIMARY KEY,
    key_hash BLOB NOT NULL UNIQUE,  -- SHA-256 of the key; the key itself is never stored
    name TEXT NOT NULL,
    app TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  ) STRICT;

  CREATE TABLE provider_keys (
    provider TEXT PRIMARY KEY,
    sealed BLOB NOT NULL,           -- AES-256-GCM, AAD = provider name
    updated_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    value TEXT NOT NULL,            -- JSON
    updated_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 2: the User-Agent of each exchange, as the audit detail shows it (capped, flagged parts masked).
  'ALTER TABLE audit ADD COLUMN user_agent TEXT;',
  // 3: Responses API conversations the provider stores: response id → placeholders shown so far.
  `
  CREATE TABLE response_chains (
    scope TEXT NOT NULL,
    response_id TEXT NOT NULL,
    placeholders TEXT NOT NULL,     -- JSON array of placeholders (keyed hashes, never values)
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (scope, response_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX response_chains_expiry ON response_chains (expires_at);
  `,
  // 4: why an exchange went as it did (detector ids, placeholder ids, a hold's decision) as JSON, no values;
  // and the time it was held for a person, kept out of total and overhead.
  'ALTER TABLE audit ADD COLUMN explain TEXT; ALTER TABLE audit ADD COLUMN wait_ms REAL;',
  // 5: how often each rule (user or preset, by id) decided an exchange, and when it last did; added to in
  // batches off the request path. Kept apart from \`rules\` so a preset rule has a count too.
  `
  CREATE TABLE rule_hits (
    rule_id TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    last_hit_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 6: a client key's own policy preset (per-client profiles); NULL follows the global preset.
  'ALTER TABLE client_keys ADD COLUMN preset TEXT;',
];

export interface MigrationResult {
  from: number;
  to: number;
}

export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): MigrationResult {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) {
    throw new Error(`database schema version ${from} is newer than this build knows (${migrations.length})`);
  }
  for (let i = from; i < migrations.length; i++) {
    db.transaction(() => {
      db.exec(migrations[i]);
      db.pragma(`user_version = ${i + 1}`);
    }).immediate();
  }
  return { from, to: migrations.length };
}
