import type { PendingSummary } from '../../electron/display-text.js';

/** A held item as the tray sees it; the preview is planted to prove it never reaches any label. */
export const PLANTED_SECRET = 'AKIAIOSFODNN7EXAMPLE';

export function pendingItem(n: number, over: Partial<PendingSummary> & { preview?: string } = {}): PendingSummary & { preview: string } {
  return {
    id: `pnd_${n}`,
    stage: 'request',
    trigger: { category: 'aws-key' },
    clientApp: `app-${n}`,
    provider: 'openai',
    model: 'gpt-4o',
    payloadHash: `hash-${n}`,
    preview: `key=${PLANTED_SECRET} (masked: AKIA…MPLE)`,
    ...over,
  };
}
