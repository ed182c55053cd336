import type { Database, Statement } from 'better-sqlite3';
import type { PendingDecision, PendingRecord } from '../pending-record.js';
import type { PendingRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';
import { pruneInChunks } from './prune.js';

type RecordRow = { record: string };

/** Held confirmations. Only a pending item can be decided or extended, so a decision happens once. */
export class SqlitePending implements PendingRepo {
  readonly #committer: GroupCommitter;
  readonly #insert: Statement;
  readonly #get: Statement<[string], RecordRow>;
  readonly #getPending: Statement<[string], RecordRow>;
  readonly #listPending: Statement<[], RecordRow>;
  readonly #update: Statement;
  readonly #prune: Statement;

  constructor(db: Database, committer: GroupCommitter) {
    this.#committer = committer;
    this.#insert = db.prepare(
      'INSERT INTO pending (id, status, created_at, expires_at, record) VALUES (@id, @status, @createdAt, @expiresAt, @record)',
    );
    this.#get = db.prepare('SELECT record FROM pending WHERE id = ?');
    this.#getPending = db.prepare("SELECT record FROM pending WHERE id = ? AND status = 'pending'");
    this.#listPending = db.prepare("SELECT record FROM pending WHERE status = 'pending' ORDER BY created_at, id");
    this.#update = db.prepare(`
      UPDATE pending SET status = @status, expires_at = @expiresAt, decided_at = @decidedAt, record = @record
      WHERE id = @id AND status = 'pending'`);
    this.#prune = db.prepare(`
      DELETE FROM pending WHERE id IN
        (SELECT id FROM pending WHERE status != 'pending' AND decided_at < @cutoff LIMIT @limit)`);
  }

  create(record: PendingRecord): Promise<void> {
    if (record.status !== 'pending') return Promise.reject(new Error('a new confirmation must be pending'));
    const row = { id: record.id, status: record.status, createdAt: record.createdAt, expiresAt: record.expiresAt, record: JSON.stringify(record) };
    return this.#committer.run(() => {
      this.#insert.run(row);
    });
  }

  async get(id: string): Promise<PendingRecord | undefined> {
    const row = this.#get.get(id);
    return row ? (JSON.parse(row.record) as PendingRecord) : undefined;
  }

  async listPending(): Promise<PendingRecord[]> {
    return this.#listPending.all().map((r) => JSON.parse(r.record) as PendingRecord);
  }

  decide(id: string, decision: PendingDecision): Promise<PendingRecord | undefined> {
    return this.#committer.run(() => this.#change(id, (r) => ({ ...r, ...decision })));
  }

  extend(id: string, expiresAt: number): Promise<boolean> {
    return this.#committer.run(() => this.#change(id, (r) => ({ ...r, expiresAt })) !== undefined);
  }

  recordReveal(id: string, reveal: { by: string; at: number }): Promise<boolean> {
    return this.#committer.run(() => this.#change(id, (r) => ({ ...r, reveals: [...(r.reveals ?? []), reveal].slice(-100) })) !== undefined);
  }

  /** Marks every item still pending as abandoned: in one process, its held exchange is gone. */
  abandonAll(now: number): number {
    let count = 0;
    for (const { record } of this.#listPending.all()) {
      const r = JSON.parse(record) as PendingRecord;
      if (this.#change(r.id, () => ({ ...r, status: 'abandoned', decidedBy: 'system:restart', decidedAt: now }))) count++;
    }
    return count;
  }

  /** Deletes decided items older than the cutoff. */
  prune(cutoff: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff });
  }

  #change(id: string, edit: (r: PendingRecord) => PendingRecord): PendingRecord | undefined {
    const row = this.#getPending.get(id);
    if (!row) return undefined;
    const next = edit(JSON.parse(row.record) as PendingRecord);
    this.#update.run({
      id, status: next.status, expiresAt: next.expiresAt, decidedAt: next.decidedAt ?? null, record: JSON.stringify(next),
    });
    return next;
  }
}
