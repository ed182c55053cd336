import type { ConfirmDecision, RememberLifetime, RememberScope } from '../policy/remember.js';
import type { PendingRecord } from '../store/pending-record.js';

/**
 * The shapes the confirmations manager speaks: what a caller asks it to hold, how a hold ends, and
 * the public view of a held item that the admin API, the admin event stream and Electron's tray see.
 * None of them carries a raw value; only `HoldRequest.reveal` can produce one.
 */

export type { ConfirmDecision, RememberLifetime, RememberScope };

/** What asked for the confirmation, without a value: a finding's identity and where it sat. */
export interface HeldFinding {
  readonly category: string;
  readonly detector: string;
  readonly kind: string;
  readonly field?: string;
}

export interface HoldRequest {
  readonly stage: 'request' | 'response';
  /** The first or strongest asking finding, and the rule that asked, if any. */
  readonly trigger: { readonly category: string; readonly detector: string; readonly ruleId?: string };
  /** Every finding that asked for confirmation. */
  readonly findings: readonly HeldFinding[];
  /** Masked by the caller (see `maskedPreview`); never the raw value. Capped to the store's limit. */
  readonly preview: string;
  /** The unmasked text, kept only in memory and produced only by an explicit, audited `reveal`. */
  readonly reveal: () => string;
  readonly client: { readonly app: string; readonly keyId?: string };
  readonly provider: string;
  readonly model?: string;
  readonly route: string;
  /** Keyed hash of the exact payload; an approval binds to it. */
  readonly payloadHash: string;
  /**
   * Turns a user's decision into rules and persists them (policy/remember.ts). Called at most once,
   * after the decision is durable, and never for a timeout.
   */
  /** Resolves to the ids of the rules it saved, so the dashboard can offer an undo. */
  readonly remember: (decision: ConfirmDecision, scope: RememberScope, lifetime: RememberLifetime) => Promise<readonly string[]>;
  /** Told the pending id once the item is durable and waiting (before any outcome). */
  readonly onHeld?: (pendingId: string) => void;
  /** Told who settled the item (`dashboard`, `admin`, `timeout`, `client:disconnected`, `system:…`), just before the outcome. */
  readonly onSettled?: (by: string) => void;
}

/**
 * How a hold ended. Only the approvals (and a 'redact' timeout) may lead to forwarding. `repeat` marks
 * an identical retry answered with an earlier item's decision, without asking again.
 */
export type Outcome = (
  | { readonly kind: 'approved_redacted'; readonly pendingId: string }
  | { readonly kind: 'approved_original'; readonly pendingId: string }
  | { readonly kind: 'denied'; readonly pendingId: string }
  | { readonly kind: 'timed_out'; readonly pendingId: string; readonly applied: 'deny' | 'redact' }
  | { readonly kind: 'abandoned'; readonly pendingId: string }
  | { readonly kind: 'cancelled'; readonly pendingId: string }
) & { readonly repeat?: true };

/** The store's record, which holds nothing secret, plus what only the live process knows. */
export type PendingView = PendingRecord & {
  /** Time left before the timeout default applies; 0 once decided. */
  remainingMs: number;
  findings: readonly HeldFinding[];
  /** Every explicit reveal of the full text: who and when (never what). */
  reveals: readonly { by: string; at: number }[];
  /** Set on the view `decide` returns when the decision stands but turning it into a rule failed. */
  rememberFailed?: true;
  rememberedRuleIds?: string[];
  /** Identical retries that joined this item or got its decision without a new question. */
  retries: number;
  /** Someone is looking at it: the clock stands at `remainingMs`. */
  frozen?: true;
};

export interface ConfirmSettings {
  /** How long an untouched item waits for a decision. */
  timeoutMs: number;
  /** Most items held at once; one more is refused with 429 GW_ERR_CONFIRM_QUEUE_FULL. */
  maxPending: number;
  /** Applied once when nobody decides in time; a timeout never creates a rule. */
  onTimeout: 'deny' | 'redact';
  /**
   * How long after a decision an identical retry gets the same one without a question; while an item
   * is held, identical retries join it. 0 turns both off.
   */
  retryWindowMs: number;
}

export const CONFIRM_DEFAULTS: Readonly<ConfirmSettings> = Object.freeze({ timeoutMs: 60_000, maxPending: 100, onTimeout: 'deny', retryWindowMs: 60_000 });

export interface DecideOptions {
  /** Also turn the decision into a rule with this scope and lifetime. */
  remember?: { scope: RememberScope; lifetime: RememberLifetime };
  /** Who decided: 'admin', 'tray'… Default 'admin'. */
  by?: string;
  /** The payload hash the deciding UI was shown; a different one refuses the decision. */
  payloadHash?: string;
}

/** Bus payloads (see ConfirmEvents). */
export interface PendingEvent {
  pending: PendingView;
}
export interface PendingSettledEvent extends PendingEvent {
  outcome: Outcome;
}
export interface PendingRevealedEvent extends PendingEvent {
  by: string;
}
/** An identical retry joined the held item, or was answered with its decision (`pending.status` says which). */
export type PendingRetriedEvent = PendingEvent;

/** What the confirmations manager and its scale-out peers emit and hear; events.ts composes it into GatewayEvents. */
export interface ConfirmEvents {
  /** A confirmation is held (durable) and waits for the user. */
  'pending.added': PendingEvent;
  /** The user approved or denied it (`outcome` says which); durable before this fires. */
  'pending.decided': PendingSettledEvent;
  /** Nobody decided in time: the timeout default was applied once, and no rule was created. */
  'pending.expired': PendingSettledEvent;
  /** The client went away while it was held; it is never forwarded. */
  'pending.abandoned': PendingSettledEvent;
  /** Shutdown settled it as cancelled. */
  'pending.cancelled': PendingSettledEvent;
  /** The user touched it in a UI; `pending.expiresAt` is the new deadline. */
  'pending.touched': PendingEvent;
  /** Someone revealed its full text (the event says who, never the text). */
  'pending.revealed': PendingRevealedEvent;
  /** An identical retry joined it while held, or got its decision afterwards (`pending.retries` counts them). */
  'pending.retried': PendingRetriedEvent;
}
