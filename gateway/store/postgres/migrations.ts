import type pg from 'pg';

/**
 * Numbered migrations for the shared PostgreSQL store, applied in order, each in its own transaction,
 * under one advisory lock: N instances starting at once run each migration exactly once, and the rest
 * wait for it. `schema_version` records how many have run. Never edit a shipped entry: append.
 * Times are epoch ms in BIGINT, as in SQLite, so rows and records carry the same numbers.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE vault (
    scope TEXT NOT NULL,
    placeholder TEXT NOT NULL,
    kind TEXT NOT NULL,
    value BYTEA NOT NULL,           -- AES-256-GCM, AAD = scope + placeholder
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (scope, placeholder)
  );
  CREATE INDEX vault_expiry ON vault (expires_at);

  CREATE TABLE pending (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_at BIGINT,
    holder TEXT,                    -- instance holding the exchange's socket
    lease_until BIGINT,             -- renewed by the holder; past it, the item is abandoned
    record JSONB NOT NULL           -- PendingRecord; masked preview only
  );
  CREATE INDEX pending_status ON pending (status, created_at);

  CREATE TABLE nonces (
    nonce TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX nonces_expiry ON nonces (expires_at);

  CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    time BIGINT NOT NULL,
    client_app TEXT NOT NULL,
    client_key_id TEXT,
    provider TEXT NOT NULL,
    route TEXT NOT NULL,
    model TEXT,
    stream SMALLINT NOT NULL,
    status INTEGER NOT NULL,
    total_ms DOUBLE PRECISION NOT NULL,
    upstream_ms DOUBLE PRECISION NOT NULL,
    overhead_ms DOUBLE PRECISION NOT NULL,
    bytes_in BIGINT NOT NULL,
    bytes_out BIGINT NOT NULL,
    input_tokens BIGINT,
    output_tokens BIGINT,
    findings TEXT NOT NULL,         -- JSON category → count; never values
    decision TEXT NOT NULL,
    error_code TEXT,
    pending_id TEXT,
    rule_ids TEXT,
    user_agent TEXT
  );
  CREATE INDEX audit_time ON audit (time, id);

  CREATE TABLE rules (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    rule TEXT NOT NULL
  );

  CREATE TABLE client_keys (
    id TEXT PRIMARY KEY,
    key_hash BYTEA NOT NULL UNIQUE,
    name TEXT NOT NULL,
    app TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
  );

  CREATE TABLE provider_keys (
    provider TEXT PRIMARY KEY,
    sealed BYTEA NOT NULL,
    updated_at BIGINT NOT NULL
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
  );

  -- Facts every instance must agree on, such as the master key's fingerprint.
  CREATE TABLE instance_facts (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: Responses API conversations the provider stores: response id → placeholders shown so far.
  `
  CREATE TABLE response_chains (
    scope TEXT NOT NULL,
    response_id TEXT NOT NULL,
    placeholders TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (scope, response_id)
  );
  CREATE INDEX response_chains_expiry ON response_chains (expires_at);
  `,
  // 3: why an exchange went as it did (JSON, no values) and the time held for a person (sqlite migration 4).
  'ALTER TABLE audit ADD COLUMN explain TEXT; ALTER TABLE audit ADD COLUMN wait_ms DOUBLE PRECISION;',
  // 4: rule hit counts and last match, added to in batches (sqlite migration 5).
  'CREATE TABLE rule_hits (rule_id TEXT PRIMARY KEY, hits BIGINT NOT NULL, last_hit_at BIGINT NOT NULL);',
  // 5: a client key's own policy preset (sqlite migration 6); NULL follows the global preset.
  'ALTER TABLE client_keys ADD COLUMN preset TEXT;',
];

/** An arbitrary fixed key: "aegisgate migrations". */
const MIGRATION_LOCK = 0x61656769;

export async function migratePostgres(pool: pg.Pool, migrations: readonly string[] = PG_MIGRATIONS): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  // A dropped connection also fails the statement in flight, which is what reports it.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
      const from = rows[0]?.version ?? 0;
      if (from > migrations.length) {
        throw new Error(`database schema version ${from} is newer than this build knows (${migrations.length})`);
      }
      for (let i = from; i < migrations.length; i++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[i]);
          await client.query('DELETE FROM schema_version');
          await client.query('INSERT INTO schema_version (version) VALUES ($1)', [i + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
      return { from, to: migrations.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.off('error', ignore);
    client.release();
  }
}
