import type { Dispatcher } from 'undici';
import type { OriginPoolStats } from '../upstream/origin-pool.js';

/** One origin's connection pool, as the gateway's OriginPool (or undici's Pool and Client) reports it. */
export type PoolSnapshot = OriginPoolStats;

export const POOL_FIELDS = ['connected', 'free', 'pending', 'queued', 'running', 'size'] as const;

interface UndiciStats {
  connected: number | boolean;
  free?: number;
  pending: number;
  queued?: number;
  running: number;
  size: number;
}

/**
 * Per-origin pool statistics of an undici Agent (`agent.stats`), the gateway's UpstreamAgent
 * included. Any other dispatcher (a bare Pool or a test's mock) has no per-origin view and yields none.
 */
export function poolStatsOf(dispatcher: Dispatcher | undefined): Record<string, PoolSnapshot> {
  const stats = (dispatcher as { stats?: unknown } | undefined)?.stats;
  const out: Record<string, PoolSnapshot> = {};
  if (stats === null || typeof stats !== 'object') return out;
  for (const [origin, s] of Object.entries(stats as Record<string, UndiciStats>)) {
    if (s === null || typeof s !== 'object' || typeof s.running !== 'number') continue;
    const connected = typeof s.connected === 'boolean' ? Number(s.connected) : s.connected;
    out[origin] = {
      connected,
      // A single Client has no `free` or pool queue: a connected client with nothing running is free.
      free: s.free ?? (connected > 0 && s.running === 0 ? 1 : 0),
      pending: s.pending,
      queued: s.queued ?? 0,
      running: s.running,
      size: s.size,
    };
  }
  return out;
}
