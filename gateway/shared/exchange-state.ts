import { performance } from 'node:perf_hooks';
import type { AuditDecision, AuditExplain } from './audit-event.js';
import type { PresetName } from './presets.js';
import type { UpstreamCredential } from './credential.js';
import type { RouteInfo } from './route.js';

/** Who made a request: a gateway client key, or only the app its User-Agent names. */
export interface ClientIdentity {
  keyId?: string;
  app: string;
  /** The client key's own policy preset (per-client profile), replacing the global one. */
  preset?: PresetName;
}

/**
 * What one exchange did, filled in by each step as it runs and turned into one audit event when
 * the client's connection for it closes (finished, failed or abandoned alike).
 */
export class ExchangeState {
  readonly startedAt = Date.now();
  readonly t0 = performance.now();
  /** Resolved at admission; the model map may move it to another provider before the upstream call. */
  route: RouteInfo;
  readonly path: string;
  client: ClientIdentity;
  model: string | undefined;
  stream = false;
  bytesIn = 0;
  bytesOut = 0;
  /** performance.now() when the upstream request went out and when its response ended. */
  upstreamStart = 0;
  upstreamEnd = 0;
  /** Time spent held for a decision: a person's time, kept out of latency and overhead. */
  waitMs = 0;
  /** The gateway's own error code, when it refused or cut the exchange. */
  errorCode: string | undefined;
  decision: AuditDecision = 'forwarded';
  readonly findings: Record<string, number> = {};
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  pendingId: string | undefined;
  ruleIds: string[] | undefined;
  /** Detectors, placeholders and a hold's decision, for the audit event's `explain`. */
  readonly explain: AuditExplain = {};
  /** The User-Agent as the audit keeps it (capped, flagged parts masked). */
  userAgent: string | undefined;
  /**
   * The provider credential to send upstream instead of the client's (managed-key mode): the
   * client's `authorization` and `x-api-key` are dropped and this header is set.
   */
  credential: UpstreamCredential | undefined;
  /** Resolves once the conductor has noted how the exchange ended (set when the proxy route runs it). */
  settled: Promise<void> | undefined;

  /** Aborts the upstream call with `reason` (set once it has started); used by a drain past its grace period. */
  onCut: ((reason: Error) => void) | undefined;
  cut(reason: Error): void {
    this.onCut?.(reason);
  }

  constructor(route: RouteInfo, path: string, client: ClientIdentity) {
    this.route = route;
    this.path = path;
    this.client = client;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Present on proxy routes from the first hook on. */
    exchange?: ExchangeState;
  }
}

