import type { PendingChange, PendingView } from '../../gateway/admin/contract.js';

/**
 * The held items the dashboard shows, as an immutable map patched by stream events. A snapshot
 * from `GET /admin/confirmations` can be older than events already applied, so ids the stream has
 * seen settle are remembered and never come back from a stale snapshot.
 */
export interface PendingSet {
  items: ReadonlyMap<string, PendingView>;
  settled: ReadonlySet<string>;
}

const SETTLED_MEMORY = 2000;

export const emptyPending = (): PendingSet => ({ items: new Map(), settled: new Set() });

export function applyChange(set: PendingSet, change: PendingChange): PendingSet {
  const { pending } = change;
  if (pending.status === 'pending') {
    if (set.settled.has(pending.id)) return set;
    const items = new Map(set.items).set(pending.id, pending);
    return { items, settled: set.settled };
  }
  return settle(set, pending.id);
}

/** The item is gone for good (decided, expired, abandoned, cancelled). */
export function settle(set: PendingSet, id: string): PendingSet {
  const items = new Map(set.items);
  items.delete(id);
  const settled = new Set(set.settled).add(id);
  if (settled.size > SETTLED_MEMORY) settled.delete(settled.values().next().value as string);
  return { items, settled };
}

export function applySnapshot(set: PendingSet, snapshot: readonly PendingView[]): PendingSet {
  const items = new Map<string, PendingView>();
  for (const item of snapshot) if (item.status === 'pending' && !set.settled.has(item.id)) items.set(item.id, item);
  return { items, settled: set.settled };
}

/**
 * Arrival order, oldest first, whatever happens to the deadlines: a list that re-sorted when a clock
 * was stopped or extended moved the card under the user's keys. Urgency is shown by colour instead.
 */
export const sortedPending = (set: PendingSet): PendingView[] => [...set.items.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
