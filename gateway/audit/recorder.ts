import { performance } from 'node:perf_hooks';
import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors.js';
import type { Bus } from '../shared/bus.js';
import type { ExchangeState } from '../shared/exchange-state.js';
import type { Store } from '../store/types.js';
import type { AuditEvent } from '../shared/audit-event.js';
import { newEventId } from './id.js';

/** What the recorder announces; events.ts composes it into GatewayEvents. */
export interface AuditEvents {
  /** One per finished exchange, after it was queued for the audit store. */
  audit: AuditEvent;
}

/** Whether an object has an own enumerable key, without building the key list Object.keys would. */
export function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

const round = (ms: number) => Math.max(0, Math.round(ms * 1000) / 1000);

export function toAuditEvent(state: ExchangeState, res: ServerResponse, now: number): AuditEvent {
  const clientGone = !res.writableFinished;
  const errorCode = state.errorCode ?? (clientGone ? 'GW_ERR_CLIENT_CLOSED' : undefined);
  const status = res.headersSent ? res.statusCode : clientGone ? 499 : res.statusCode;
  const upstreamMs = state.upstreamStart > 0 ? (state.upstreamEnd || now) - state.upstreamStart : 0;
  // A tool call held mid-response waits while the upstream clock runs: never count that time twice.
  const upstreamWait = state.upstreamStart > 0 && state.upstreamEnd === 0 ? state.waitMs : 0;
  const totalMs = now - state.t0 - state.waitMs;
  const ownUpstreamMs = Math.max(0, upstreamMs - upstreamWait);
  const event: AuditEvent = {
    id: newEventId(state.startedAt),
    time: state.startedAt,
    client: state.client.keyId ? { keyId: state.client.keyId, app: state.client.app } : { app: state.client.app },
    provider: state.route.provider,
    route: state.path,
    stream: state.stream,
    status,
    durations: { totalMs: round(totalMs), upstreamMs: round(ownUpstreamMs), overheadMs: round(totalMs - ownUpstreamMs) },
    bytes: { in: state.bytesIn, out: state.bytesOut },
    usage: {},
    findings: state.findings,
    decision: state.decision,
  };
  if (state.model !== undefined) event.model = state.model;
  if (state.inputTokens !== undefined) event.usage.inputTokens = state.inputTokens;
  if (state.outputTokens !== undefined) event.usage.outputTokens = state.outputTokens;
  if (errorCode !== undefined) event.errorCode = errorCode;
  if (state.pendingId !== undefined) event.pendingId = state.pendingId;
  if (state.ruleIds !== undefined) event.ruleIds = state.ruleIds;
  if (state.userAgent !== undefined) event.userAgent = state.userAgent;
  if (state.waitMs > 0) event.durations.waitMs = round(state.waitMs);
  if (hasKeys(state.explain)) event.explain = state.explain;
  return event;
}

/**
 * Turns each finished exchange into one audit event: queued for the store (off the request path)
 * and announced on the bus. Admission reserves a queue slot per exchange, so an exchange that was
 * let in can always record itself: a full queue refuses new work (503) and never drops an event.
 */
export class AuditRecorder {
  readonly #store: Store;
  readonly #bus: Bus<AuditEvents>;
  readonly #capacity: number;
  readonly #persist: () => boolean;
  #reserved = 0;

  constructor(store: Store, bus: Bus<AuditEvents>, persist: () => boolean) {
    this.#store = store;
    this.#bus = bus;
    this.#persist = persist;
    this.#capacity = store.stats().auditQueueCapacity;
  }

  /** Throws GW_ERR_AUDIT_BACKPRESSURE when the queue cannot take this exchange's event. */
  admit(): void {
    if (this.#persist() && this.#store.audit.depth + this.#reserved >= this.#capacity) {
      throw new GatewayError('GW_ERR_AUDIT_BACKPRESSURE', undefined, { retryAfter: 1 });
    }
    this.#reserved++;
  }

  /** Called once, when the client connection for the exchange closes. */
  finish(state: ExchangeState, res: ServerResponse): void {
    this.#reserved--;
    const event = toAuditEvent(state, res, performance.now());
    if (this.#persist()) this.#store.audit.enqueue(event);
    this.#bus.emit('audit', event);
  }
}
