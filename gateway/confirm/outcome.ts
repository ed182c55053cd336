import { GatewayError } from '../errors.js';
import type { Outcome } from './types.js';

/**
 * What the exchange does once its hold ends: forward (the redacted or the original payload) or refuse.
 * A refusal names the reason and the pending id, so a headless user with no dashboard open knows
 * what happened and where to look; on the response side the same text becomes the sanitized tool call.
 */
export type HoldVerdict =
  | { readonly forward: 'redacted' | 'original'; readonly pendingId: string }
  | { readonly refuse: GatewayError; readonly reason: string; readonly pendingId: string };

const WHERE = 'see AegisGate’s confirmations and audit log';
const SAME = `identical retries get the same answer without a new question for a while (confirm.retryWindowSec) — ${WHERE}`;

export function holdVerdictOf(outcome: Outcome): HoldVerdict {
  const { pendingId } = outcome;
  const refuse = (error: GatewayError, reason: string): HoldVerdict => ({ refuse: error, reason, pendingId });
  switch (outcome.kind) {
    case 'approved_original':
      return { forward: 'original', pendingId };
    case 'approved_redacted':
      return { forward: 'redacted', pendingId };
    case 'timed_out': {
      if (outcome.applied === 'redact') return { forward: 'redacted', pendingId };
      const reason = outcome.repeat
        ? `identical to ${pendingId}, which nobody decided in time (default: deny); ${SAME}`
        : `held for confirmation as ${pendingId}; nobody decided in time, so the default (deny) applied — ${WHERE}`;
      return refuse(new GatewayError('GW_ERR_CONFIRM_TIMEOUT', reason), reason);
    }
    case 'denied': {
      const reason = outcome.repeat
        ? `identical to ${pendingId}, which the user denied; ${SAME}`
        : `held for confirmation as ${pendingId} and denied by the user — ${WHERE}`;
      return refuse(new GatewayError('GW_ERR_CONFIRM_DENIED', reason), reason);
    }
    case 'abandoned': {
      const reason = `the client closed the connection while ${pendingId} was held; nothing was forwarded`;
      return refuse(new GatewayError('GW_ERR_CLIENT_CLOSED', reason), reason);
    }
    case 'cancelled': {
      const reason = `the gateway shut down while ${pendingId} was held; nothing was forwarded`;
      return refuse(new GatewayError('GW_ERR_SHUTTING_DOWN', reason, { exposeDetail: true }), reason);
    }
  }
}
