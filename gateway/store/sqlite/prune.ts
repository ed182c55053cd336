import type { Statement } from 'better-sqlite3';

/** Rows deleted per statement: each chunk is its own short transaction, so pruning never stalls writers. */
export const PRUNE_CHUNK = 2000;

/**
 * Runs a `DELETE … IN (SELECT … LIMIT @limit)` statement until it deletes less than a chunk,
 * yielding to the event loop between chunks.
 */
export async function pruneInChunks(stmt: Statement, params: Record<string, number>): Promise<number> {
  let total = 0;
  for (;;) {
    const { changes } = stmt.run({ ...params, limit: PRUNE_CHUNK });
    total += changes;
    if (changes < PRUNE_CHUNK) return total;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
