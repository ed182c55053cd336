import type pg from 'pg';
import type { PendingDecision, PendingRecord } from '../pending-record.js';
import type { PendingRepo } from '../types.js';
import { storeCall } from './unavailable.js';

export interface PgPendingOptions {
  /** This instance's id: it holds the sockets of the items it creates and renews their lease. */
  instanceId: string;
  leaseMs: number;
  now: () => number;
}

/**
 * Held confirmations shared by every instance. Any instance may decide an item; the conditional
 * UPDATE (`status = 'pending'`) makes the first decision the only one. Each item carries a lease that
 * its holder renews; an item whose lease lapsed lost its holder (killed) and is abandoned by whoever
 * sweeps first.
 */
export class PgPending implements PendingRepo {
  readonly #pool: pg.Pool;
  readonly #options: PgPendingOptions;

  constructor(pool: pg.Pool, options: PgPendingOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  async create(record: PendingRecord): Promise<void> {
    if (record.status !== 'pending') throw new Error('a new confirmation must be pending');
    const { instanceId, leaseMs, now } = this.#options;
    await storeCall(() => this.#pool.query(
      `INSERT INTO pending (id, status, created_at, expires_at, holder, lease_until, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [record.id, record.status, record.createdAt, record.expiresAt, instanceId, now() + leaseMs, JSON.stringify(record)]));
  }

  async get(id: string): Promise<PendingRecord | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<{ record: PendingRecord }>('SELECT record FROM pending WHERE id = $1', [id]));
    return rows[0]?.record;
  }

  async listPending(): Promise<PendingRecord[]> {
    const { rows } = await storeCall(() => this.#pool.query<{ record: PendingRecord }>(
      "SELECT record FROM pending WHERE status = 'pending' ORDER BY created_at, id"));
    return rows.map((r) => r.record);
  }

  /** The holder of a pending item, so a decision taken elsewhere can be routed to it. */
  async holderOf(id: string): Promise<string | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<{ holder: string | null }>(
      "SELECT holder FROM pending WHERE id = $1 AND status = 'pending'", [id]));
    return rows[0]?.holder ?? undefined;
  }

  decide(id: string, decision: PendingDecision): Promise<PendingRecord | undefined> {
    return this.#change(id, `record || $2::jsonb`, JSON.stringify(decision), decision.status, decision.decidedAt);
  }

  async extend(id: string, expiresAt: number): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query(
      `UPDATE pending SET expires_at = $2, record = jsonb_set(record, '{expiresAt}', to_jsonb($2::bigint))
       WHERE id = $1 AND status = 'pending'`, [id, expiresAt]));
    return rowCount === 1;
  }

  async recordReveal(id: string, reveal: { by: string; at: number }): Promise<boolean> {
    // Keeps the last 100 reveals, as the record schema allows.
    const { rowCount } = await storeCall(() => this.#pool.query(
      `UPDATE pending SET record = jsonb_set(record, '{reveals}', (
         SELECT coalesce(jsonb_agg(r ORDER BY n), '[]'::jsonb) FROM (
           SELECT r, n FROM jsonb_array_elements(coalesce(record->'reveals', '[]'::jsonb) || jsonb_build_array($2::jsonb))
             WITH ORDINALITY AS t(r, n) ORDER BY n DESC LIMIT 100) last))
       WHERE id = $1 AND status = 'pending'`, [id, JSON.stringify(reveal)]));
    return rowCount === 1;
  }

  /** Renews the lease of every item this instance holds; returns the ids still pending (the others were settled elsewhere). */
  async renewLeases(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await storeCall(() => this.#pool.query<{ id: string }>(
      "UPDATE pending SET lease_until = $3 WHERE id = ANY($1) AND holder = $2 AND status = 'pending' RETURNING id",
      [ids, this.#options.instanceId, this.#options.now() + this.#options.leaseMs]));
    return new Set(rows.map((r) => r.id));
  }

  /** Abandons items whose holder stopped renewing; returns the records it abandoned. */
  async abandonLapsed(): Promise<PendingRecord[]> {
    const now = this.#options.now();
    const decision = { status: 'abandoned', decidedBy: 'system:lease-lapsed', decidedAt: now };
    const { rows } = await storeCall(() => this.#pool.query<{ record: PendingRecord }>(
      `UPDATE pending SET status = 'abandoned', decided_at = $2, record = record || $3::jsonb
       WHERE status = 'pending' AND lease_until < $1 RETURNING record`, [now, now, JSON.stringify(decision)]));
    return rows.map((r) => r.record);
  }

  async prune(cutoff: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query(
      "DELETE FROM pending WHERE status <> 'pending' AND decided_at < $1", [cutoff]));
    return rowCount ?? 0;
  }

  async #change(id: string, recordExpr: string, patch: string, status: string, decidedAt: number): Promise<PendingRecord | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<{ record: PendingRecord }>(
      `UPDATE pending SET status = $3, decided_at = $4, record = ${recordExpr}
       WHERE id = $1 AND status = 'pending' RETURNING record`, [id, patch, status, decidedAt]));
    return rows[0]?.record;
  }
}
