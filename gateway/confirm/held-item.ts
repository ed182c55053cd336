import type { PendingOutcome, PendingRecord, Remember } from '../store/pending-record.js';
import type { ConfirmDecision, HoldRequest, Outcome, PendingView, RememberLifetime, RememberScope } from './types.js';

/**
 * One held exchange as the manager tracks it: the durable record's current copy, the caller's request
 * (which alone can reveal the text or create rules) and the resolver of the caller's awaiting promise.
 *
 *   creating ─▶ held ─▶ settling ─▶ settled
 *                 ▲         │ (a user decision's write failed)
 *                 └─────────┘
 * Only `held` accepts decisions, touches and reveals; `settling` means a write is in flight, so timers
 * and disconnects that arrive then are looked at again if the item goes back to `held`.
 */
export type HeldState = 'creating' | 'held' | 'settling' | 'settled';

export interface HeldItem {
  record: PendingRecord;
  readonly req: HoldRequest;
  /** Clients still waiting for the decision: the first request and identical retries that joined it. */
  waiting: number;
  /** Identical retries (same client, same payload) that joined it or were answered with its decision. */
  retries: number;
  /** Set for items identical retries may join (request stage). */
  readonly retryKey: string | undefined;
  state: HeldState;
  cancelTimer: (() => void) | undefined;
  readonly reveals: { by: string; at: number }[];
  /**
   * Set while someone is looking at the item (hover, focus, reveal, typing): its clock stands at
   * `remainingMs` until `until`, a lease the dashboard renews; a closed tab cannot freeze it for good.
   */
  frozen?: { remainingMs: number; until: number };
  readonly resolve: (outcome: Outcome) => void;
  readonly done: Promise<Outcome>;
}

export const STATUS_FOR: Readonly<Record<ConfirmDecision, PendingOutcome>> = {
  approve_redacted: 'approved_redacted',
  approve_original: 'approved_original',
  deny: 'denied',
};

export function decisionOutcome(decision: ConfirmDecision, pendingId: string): Outcome {
  return { kind: STATUS_FOR[decision], pendingId } as Outcome;
}

/** The store keeps the lifetime's name; policy calls "until restart" a session. */
export function storedRemember(scope: RememberScope, lifetime: RememberLifetime): Remember {
  if (lifetime.kind === 'until') return { scope, lifetime: 'until', until: lifetime.until };
  return { scope, lifetime: lifetime.kind === 'session' ? 'restart' : lifetime.kind };
}

/** How a settled record ends its hold; a timeout recorded elsewhere applied the safe default. */
export function outcomeOfRecord(record: PendingRecord): Outcome {
  const pendingId = record.id;
  return record.status === 'timed_out' ? { kind: 'timed_out', pendingId, applied: 'deny' } : ({ kind: record.status, pendingId } as Outcome);
}

/** A stored decision's "remember" as the hold's `remember` takes it; undefined when none applies. */
export function rememberedDecision(record: PendingRecord): [ConfirmDecision, RememberScope, RememberLifetime] | undefined {
  const decision = (Object.keys(STATUS_FOR) as ConfirmDecision[]).find((d) => STATUS_FOR[d] === record.status);
  const remember = record.remember;
  if (!decision || !remember) return undefined;
  const lifetime: RememberLifetime | undefined = remember.lifetime === 'until' ? { kind: 'until', until: remember.until ?? 0 }
    : remember.lifetime === 'restart' ? { kind: 'session' }
    : remember.lifetime === 'once' || remember.lifetime === 'always' ? { kind: remember.lifetime } : undefined;
  // The schema's union of literals reads back as a string; the schema has validated it.
  return lifetime && [decision, remember.scope as RememberScope, lifetime];
}

/** Refuses a remember the policy could not turn into a rule, before anything is decided. */
export function checkRemember(remember: { scope: RememberScope; lifetime: RememberLifetime }, now: number): void {
  if (!['value', 'category', 'app', 'everything'].includes(remember.scope)) throw new RangeError(`unknown remember scope "${String(remember.scope)}"`);
  const { lifetime } = remember;
  if (!['once', 'until', 'session', 'always'].includes(lifetime.kind)) throw new RangeError('unknown remember lifetime');
  if (lifetime.kind === 'until' && !(Number.isInteger(lifetime.until) && lifetime.until > now)) {
    throw new RangeError('remember "until" must be a later epoch-ms integer');
  }
}

/** What a view is made of: a held item, or a decided one kept for identical retries. */
interface Viewable {
  readonly record: PendingRecord;
  readonly req: Pick<HoldRequest, 'findings'>;
  readonly reveals: readonly { by: string; at: number }[];
  readonly retries: number;
  readonly frozen?: { readonly remainingMs: number };
}

export function viewOf(item: Viewable, now: number): PendingView {
  const frozen = item.record.status === 'pending' ? item.frozen : undefined;
  const remainingMs = item.record.status !== 'pending' ? 0 : frozen ? frozen.remainingMs : Math.max(0, item.record.expiresAt - now);
  return { ...item.record, remainingMs, findings: item.req.findings, reveals: [...item.reveals], retries: item.retries, ...(frozen && { frozen: true as const }) };
}

/**
 * Identical retries are the same client sending the same payload: its key id (else its app) and the
 * payload's keyed hash. Only request-stage holds have them; a tool call is judged per response.
 */
export const retryKeyOf = (req: HoldRequest): string | undefined =>
  req.stage === 'request' ? `${req.client.keyId === undefined ? `app:${req.client.app}` : `key:${req.client.keyId}`}\n${req.payloadHash}` : undefined;
