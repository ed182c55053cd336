import type { Database, Statement } from 'better-sqlite3';
import type { RuleHits, RuleRecord, RulesRepo } from '../types.js';
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
  readonly #addHits: Statement<[string, number, number]>;
  readonly #hits: Statement<[], { rule_id: string; hits: number; last_hit_at: number }>;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#list = db.prepare('SELECT * FROM rules WHERE expires_at IS NULL OR expires_at > ? ORDER BY created_at, id');
    this.#upsert = db.prepare(`
      INSERT INTO rules (id, created_at, expires_at, rule) VALUES (@id, @createdAt, @expiresAt, @rule)
      ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, rule = excluded.rule`);
    this.#delete = db.prepare('DELETE FROM rules WHERE id = ?');
    this.#addHits = db.prepare(`
      INSERT INTO rule_hits (rule_id, hits, last_hit_at) VALUES (?, ?, ?)
      ON CONFLICT (rule_id) DO UPDATE SET hits = hits + excluded.hits, last_hit_at = max(last_hit_at, excluded.last_hit_at)`);
    this.#hits = db.prepare('SELECT rule_id, hits, last_hit_at FROM rule_hits');
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

  addHits(hits: readonly RuleHits[]): Promise<void> {
    if (hits.length === 0) return Promise.resolve();
    return this.#committer.run(() => {
      for (const h of hits) this.#addHits.run(h.ruleId, h.hits, h.lastHitAt);
    });
  }

  async hits(): Promise<RuleHits[]> {
    return this.#hits.all().map((r) => ({ ruleId: r.rule_id, hits: r.hits, lastHitAt: r.last_hit_at }));
  }

  prune(now: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff: now });
  }
}
