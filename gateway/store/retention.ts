import type { PruneReport } from './types.js';

const DAY = 86_400_000;

type Prunable = { prune(cutoff: number): Promise<number> };

export interface Prunables {
  audit: Prunable;
  vault: Prunable;
  nonces: Prunable;
  pending: Prunable;
  rules: Prunable;
  responseChains: Prunable;
}

/** One retention pass over every repo, the same for each backend: audit 30 days, decided items 7. */
export function retentionPass(repos: Prunables, now: () => number, retention: { auditMs?: number; pendingMs?: number } = {}): () => Promise<PruneReport> {
  const auditMs = retention.auditMs ?? 30 * DAY;
  const pendingMs = retention.pendingMs ?? 7 * DAY;
  return async () => {
    const t = now();
    return {
      audit: await repos.audit.prune(t - auditMs),
      vault: await repos.vault.prune(t),
      nonces: await repos.nonces.prune(t),
      pending: await repos.pending.prune(t - pendingMs),
      rules: await repos.rules.prune(t),
      responseChains: await repos.responseChains.prune(t),
    };
  };
}
