import { useSyncExternalStore } from 'react';
import { alertHeld, alertSettings, subscribeAlerts, type AlertSettings } from '../dom/held-alert.js';
import { useEventStream } from './useEventStream.js';

export const useAlertSettings = (): AlertSettings => useSyncExternalStore(subscribeAlerts, alertSettings);

/**
 * Alerts once per newly held item, when the user opted in. Not while they are already looking at
 * the Confirmations page in a visible tab: the card itself is the alert there.
 */
export function useHeldAlerts(): void {
  useEventStream('pending', (change) => {
    if (change.change !== 'added') return;
    const watching = document.visibilityState === 'visible' && window.location.hash.startsWith('#/confirmations');
    if (watching) return;
    const p = change.pending;
    alertHeld({ id: p.id, clientApp: p.clientApp, provider: p.provider, detector: p.trigger.detector, stage: p.stage });
  });
}
