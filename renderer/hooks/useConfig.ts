import { useCallback, useEffect, useState } from 'react';
import type { ConfigPatch, ConfigView } from '../../gateway/admin/contract.js';
import { ApiError } from '../lib/api-error.js';
import { useApi } from './useApi.js';
import { useEventStream } from './useEventStream.js';

export interface SaveResult {
  ok: boolean;
  /** The server's message, keyed by the field it names (dot form) or `form`. */
  errors: Record<string, string>;
  restartRequired?: string[];
  /** The configuration in effect after the change. */
  effective?: ConfigView['config'];
}

/** The live configuration: loaded once, kept current by `config` and `providerKey.changed` events. */
export function useConfig() {
  const api = useApi();
  const [view, setView] = useState<ConfigView>();
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    api.config().then(setView, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [api]);
  useEffect(reload, [reload]);

  useEventStream('config', (c) => setView((v) => (v ? { ...v, config: c.config, overlay: c.overlay } : v)));
  useEventStream('providerKey.changed', (p) => setView((v) => (v ? { ...v, providers: { ...v.providers, [p.provider]: { managedKey: p.managedKey } } } : v)));

  const save = useCallback(
    async (patch: ConfigPatch): Promise<SaveResult> => {
      try {
        const res = await api.updateConfig(patch);
        setView({ config: res.config, overlay: res.overlay, providers: res.providers, overrides: res.overrides });
        return { ok: true, errors: {}, restartRequired: res.restartRequired, effective: res.config };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, errors: { [err.field ?? 'form']: err.message } };
        return { ok: false, errors: { form: String(err) } };
      }
    },
    [api],
  );

  return { view, error, save, reload, setView };
}
