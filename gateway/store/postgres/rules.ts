import type pg from 'pg';
import type { RuleRecord, RulesRepo } from '../types.js';
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

  async prune(now: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM rules WHERE expires_at <= $1', [now]));
    return rowCount ?? 0;
  }
}
