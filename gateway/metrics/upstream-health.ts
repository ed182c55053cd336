import type { AuditEvent } from '../shared/audit-event.js';
import { errorKindOf } from '../shared/error-kind.js';
import type { UpstreamHealth } from './upstream-health-schema.js';

/** Attempts kept per provider: enough for a p95, few enough to reflect the last minute or so of use. */
const RECENT = 50;
/** Providers tracked at most; names come from configuration, so this only bounds a misconfiguration. */
const MAX_PROVIDERS = 32;
/** A provider that failed this recently, though its latest attempt worked, is `degraded`. */
const DEGRADED_MS = 5 * 60_000;

interface Attempt {
  at: number;
  ok: boolean;
  upstreamMs: number;
}

interface Track {
  attempts: Attempt[];
  consecutiveFailures: number;
  lastOkAt?: number;
  lastError?: UpstreamHealth['lastError'];
}

const rank = (sorted: number[], q: number): number => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

/**
 * Upstream health derived from the audit events of real exchanges: an exchange that went to the
 * provider is an attempt, and it failed when errorKindOf calls it an upstream error (refused,
 * timed out, a bad or 5xx answer). A 429 or 401 from the provider means it is reachable.
 */
export class UpstreamHealthTracker {
  readonly #tracks = new Map<string, Track>();

  readonly onAudit = (e: AuditEvent): void => {
    const failed = errorKindOf(e) === 'upstream_error';
    if (e.durations.upstreamMs <= 0 && !failed) return; // never left the gateway
    let track = this.#tracks.get(e.provider);
    if (track === undefined) {
      if (this.#tracks.size >= MAX_PROVIDERS) return;
      track = { attempts: [], consecutiveFailures: 0 };
      this.#tracks.set(e.provider, track);
    }
    const at = e.time + e.durations.totalMs + (e.durations.waitMs ?? 0);
    track.attempts.push({ at, ok: !failed, upstreamMs: e.durations.upstreamMs });
    if (track.attempts.length > RECENT) track.attempts.shift();
    if (failed) {
      track.consecutiveFailures++;
      track.lastError = { at, status: e.status, ...(e.errorCode !== undefined && { code: e.errorCode }) };
    } else {
      track.consecutiveFailures = 0;
      track.lastOkAt = at;
    }
  };

  /** Every provider named in `known` (unknown until traffic went to it), then any other seen. */
  snapshot(known: readonly string[], now: number): UpstreamHealth[] {
    const names = [...new Set([...known, ...this.#tracks.keys()])];
    return names.map((provider) => {
      const track = this.#tracks.get(provider);
      if (track === undefined || track.attempts.length === 0) return { provider, state: 'unknown', recent: 0, recentFailures: 0, consecutiveFailures: 0 };
      const { attempts } = track;
      const last = attempts[attempts.length - 1]!;
      const failures = attempts.filter((a) => !a.ok).length;
      const ok = attempts.filter((a) => a.ok).map((a) => a.upstreamMs).sort((a, b) => a - b);
      return {
        provider,
        state: !last.ok ? 'failing' : track.lastError !== undefined && track.lastError.at > now - DEGRADED_MS ? 'degraded' : 'ok',
        recent: attempts.length,
        recentFailures: failures,
        consecutiveFailures: track.consecutiveFailures,
        lastAt: Math.round(last.at),
        ...(track.lastOkAt !== undefined && { lastOkAt: Math.round(track.lastOkAt) }),
        ...(track.lastError !== undefined && { lastError: { ...track.lastError, at: Math.round(track.lastError.at) } }),
        ...(ok.length > 0 && { latencyP50Ms: rank(ok, 0.5), latencyP95Ms: rank(ok, 0.95) }),
      };
    });
  }
}
