import type { UpstreamHealth } from '../../gateway/admin/contract.js';

export { providerTitle as providerLabel } from './providers.js';

export const STATE_LABEL: Record<UpstreamHealth['state'], string> = {
  unknown: 'no traffic yet',
  ok: 'reachable',
  degraded: 'reachable, failed recently',
  failing: 'failing',
};

/** "503 · GW_ERR_UPSTREAM_UNREACHABLE": what the last failure was, never a value (codes and statuses only). */
export const lastErrorText = (u: UpstreamHealth): string =>
  u.lastError ? [u.lastError.status > 0 ? String(u.lastError.status) : undefined, u.lastError.code].filter(Boolean).join(' · ') : '';

/** Worst first: the header shows the one that needs attention. */
const RANK: Record<UpstreamHealth['state'], number> = { failing: 0, degraded: 1, ok: 2, unknown: 3 };
export const worstFirst = (list: readonly UpstreamHealth[]): UpstreamHealth[] => [...list].sort((a, b) => RANK[a.state] - RANK[b.state]);
