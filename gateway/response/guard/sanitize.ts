import type { ToolCall } from './extract.js';
import { REASONS, type ResponseDetector } from './findings.js';

/**
 * The refusal a client sees instead of a tool call it must not run (denied, timed out, or blocked by a
 * rule), for the caller to place in a provider-valid shape (a text block, or the tool call with these
 * arguments). It names the reason and the pending id so a headless user knows where to look. It never
 * repeats the original arguments: they may hold secrets the gateway restored.
 */
export type RefusalOutcome = 'denied' | 'timed_out' | 'blocked';

export interface RefusalInput {
  readonly call: Pick<ToolCall, 'name'>;
  readonly findings: ReadonlyArray<{ readonly detector: string }>;
  readonly outcome: RefusalOutcome;
  readonly pendingId?: string;
}

export interface Refusal {
  /** One paragraph for the model and the user. */
  readonly text: string;
  /** Valid JSON object text, safe to use as the tool call's arguments. */
  readonly arguments: string;
}

const OUTCOME_TEXT: Readonly<Record<RefusalOutcome, string>> = {
  denied: 'The user denied it.',
  timed_out: 'Nobody approved it before the confirmation timed out.',
  blocked: 'A policy rule blocks it.',
};
const SAFE_NAME = /^[A-Za-z0-9_.:-]{1,128}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function refuseToolCall(input: RefusalInput): Refusal {
  const name = SAFE_NAME.test(input.call.name) ? input.call.name : 'tool';
  const pendingId = input.pendingId !== undefined && SAFE_ID.test(input.pendingId) ? input.pendingId : undefined;
  const reasons = [...new Set(input.findings.map((f) => REASONS[f.detector as ResponseDetector] ?? 'was flagged by a gateway policy'))];
  if (reasons.length === 0) reasons.push('was flagged by a gateway policy');
  const where = pendingId === undefined ? '' : ` Pending confirmation id: ${pendingId} (see the AegisGate dashboard or GET /admin/confirmations).`;
  const text = `AegisGate did not release the tool call "${name}": it ${reasons.join('; it ')}. ${OUTCOME_TEXT[input.outcome]}${where} Do not retry it unchanged.`;
  const args = { aegisgate_refused: true, outcome: input.outcome, reasons, ...(pendingId === undefined ? {} : { pending_id: pendingId }), message: text };
  return { text, arguments: JSON.stringify(args) };
}

export const SANITIZE_PATTERNS: readonly RegExp[] = [SAFE_NAME, SAFE_ID];
