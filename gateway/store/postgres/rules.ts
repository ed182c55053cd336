import type pg from 'pg';
import type { RuleHits, RuleRecord, RulesRepo } from '../types.js';
import { storeCall } from './unavailable.js';

type RuleRow = { id: string; created_at: number; expires_at: number | null; rule: string };

/** Policy rules as opaque JSON text, as in SQLite; the policy engine owns their shape. */
export class PgRules implements RulesRepo {
  readonly #pool: pg.Pool;
  readonly #now: () => number;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
  }

  async list(): Promise<RuleRecord[]> {
    const { rows } = await storeCall(() => this.#pool.query<RuleRow>(
      'SELECT * FROM rules WHERE expires_at IS NULL OR expires_at > $1 ORDER BY created_at, id', [this.#now()]));
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      ...(r.expires_at === null ? {} : { expiresAt: r.expires_at }),
      rule: JSON.parse(r.rule) as unknown,
    }));
  }

  async upsert(record: RuleRecord): Promise<void> {
    await storeCall(() => this.#pool.query(
      `INSERT INTO rules (id, created_at, expires_at, rule) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, rule = excluded.rule`,
      [record.id, record.createdAt, record.expiresAt ?? null, JSON.stringify(record.rule)]));
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM rules WHERE id = $1', [id]));
    return rowCount === 1;
  }

  async addHits(hits: readonly RuleHits[]): Promise<void> {
    if (hits.length === 0) return;
    // One statement for the batch; several instances add to the same row without losing counts.
    await storeCall(() => this.#pool.query(
      `INSERT INTO rule_hits (rule_id, hits, last_hit_at)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
       ON CONFLICT (rule_id) DO UPDATE SET hits = rule_hits.hits + excluded.hits, last_hit_at = GREATEST(rule_hits.last_hit_at, excluded.last_hit_at)`,
      [hits.map((h) => h.ruleId), hits.map((h) => h.hits), hits.map((h) => h.lastHitAt)]));
  }

  async hits(): Promise<RuleHits[]> {
    const { rows } = await storeCall(() => this.#pool.query<{ rule_id: string; hits: string; last_hit_at: string }>('SELECT rule_id, hits, last_hit_at FROM rule_hits'));
    return rows.map((r) => ({ ruleId: r.rule_id, hits: Number(r.hits), lastHitAt: Number(r.last_hit_at) }));
  }

  async prune(now: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM rules WHERE expires_at <= $1', [now]));
    return rowCount ?? 0;
  }
}
