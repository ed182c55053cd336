import { createContext, useCallback, useContext } from 'react';
import type { Health } from '../../gateway/admin/contract.js';
import type { Api } from '../api.js';
import { usePoll } from './usePoll.js';

export interface HealthState {
  health: Health | undefined;
  /** The last poll failed: the gateway did not answer. */
  error: string | undefined;
}

/** One `GET /admin/health` poll for the whole window: the header's upstream chip, the banners and the Status page read it. */
export const HealthContext = createContext<HealthState>({ health: undefined, error: undefined });
export const useHealth = (): HealthState => useContext(HealthContext);

const EVERY_MS = 2000;

export function useHealthPoll(api: Api): HealthState {
  const { data, error } = usePoll(useCallback(() => api.health(), [api]), EVERY_MS);
  return { health: data, error };
}
