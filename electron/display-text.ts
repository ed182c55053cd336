/**
 * Client-supplied names (app, model) end up in tray labels and notifications. Control, bidi and
 * zero-width characters could make such a label show something other than what it holds, so they
 * become spaces; long names are cut so one client cannot push the menu off screen.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const RUNS_OF_SPACE = /\s+/g;

export function displayText(value: string, max = 40): string {
  const clean = value.replace(INVISIBLE, ' ').replace(RUNS_OF_SPACE, ' ').trim();
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

/** The fields of a held item the tray and notifications may show: names only, never the preview. */
export interface PendingSummary {
  readonly id: string;
  /** 'request' or 'response'. */
  readonly stage: string;
  readonly trigger: { readonly category: string };
  readonly clientApp: string;
  readonly provider: string;
  readonly model?: string;
  /** Passed back with a quick decision, so it binds to the exchange the user was shown. */
  readonly payloadHash: string;
}

/** "Claude Code → anthropic (claude-sonnet-4)" */
export function routeText(p: PendingSummary): string {
  const model = p.model ? ` (${displayText(p.model, 32)})` : '';
  return `${displayText(p.clientApp) || 'unknown app'} → ${displayText(p.provider, 20)}${model}`;
}

/** "email in a request" */
export function triggerText(p: PendingSummary): string {
  return `${displayText(p.trigger.category, 32)} in a ${p.stage === 'response' ? 'response' : 'request'}`;
}
