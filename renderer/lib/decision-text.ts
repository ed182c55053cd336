import type { Decision } from './contract-values.js';

/** "1 request", "3 tool calls". */
export const countOf = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const REQUEST: Record<Decision, string> = { approve_redacted: 'Sent redacted', approve_original: 'Sent as written', deny: 'Denied' };
const TOOL: Record<Decision, string> = { approve_redacted: 'Allowed', approve_original: 'Allowed', deny: 'Refused' };

/**
 * What a decision did, per kind, for the toast: "Sent redacted: 1 request · Refused: 1 tool call".
 * Says exactly what happened: a batch message once claimed "2 requests" sent with placeholders when
 * one of them was a tool call that was allowed.
 */
export function decisionToast(done: readonly { stage: string; decision: Decision }[]): string {
  const groups = new Map<string, number>();
  for (const d of done) {
    const key = d.stage === 'request' ? `${REQUEST[d.decision]}\nrequest` : `${TOOL[d.decision]}\ntool call`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([key, n]) => {
    const [verb, noun] = key.split('\n') as [string, string];
    return `${verb}: ${countOf(n, noun)}`;
  }).join(' · ');
}
