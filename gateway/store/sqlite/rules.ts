import type { Database, Statement } from 'better-sqlite3';
import type { RuleRecord, RulesRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';
import { pruneInChunks } from './prune.js';

type RuleRow = { id: string; created_at: number; expires_at: number | null; rule: string };

/** Policy rules as opaque JSON; the policy engine owns and validates their shape. */
export class SqliteRules implements RulesRepo {
  readonly #committer: GroupCommitter;
  readonly #now: () => number;
  readonly #list: Statement<[number], RuleRow>;
  readonly #upsert: Statement;
  readonly #delete: Statement<[string]>;
  readonly #prune: Statement;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#list = db.prepare('SELECT * FROM rules WHERE expires_at IS NULL OR expires_at > ? ORDER BY created_at, id');
    this.#upsert = db.prepare(`
      INSERT INTO rules (id, created_at, expires_at, rule) VALUES (@id, @createdAt, @expiresAt, @rule)
      ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, rule = excluded.rule`);
    this.#delete = db.prepare('DELETE FROM rules WHERE id = ?');
    this.#prune = db.prepare(
      'DELETE FROM rules WHERE id IN (SELECT id FROM rules WHERE expires_at <= @cutoff LIMIT @limit)',
    );
  }

  async list(): Promise<RuleRecord[]> {
    return this.#list.all(this.#now()).map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      ...(r.expires_at === null ? {} : { expiresAt: r.expires_at }),
      rule: JSON.parse(r.rule) as unknown,
    }));
  }

  upsert(record: RuleRecord): Promise<void> {
    const row = { id: record.id, createdAt: record.createdAt, expiresAt: record.expiresAt ?? null, rule: JSON.stringify(record.rule) };
    return this.#committer.run(() => {
      this.#upsert.run(row);
    });
  }

  delete(id: string): Promise<boolean> {
    return this.#committer.run(() => this.#delete.run(id).changes > 0);
  }

  prune(now: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff: now });
  }
}
