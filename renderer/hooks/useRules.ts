import { useCallback, useEffect, useState } from 'react';
import type { RuleInput, RulesResponse } from '../lib/contract-values.js';
import { ApiError } from '../lib/api-error.js';
import { useApi } from './useApi.js';
import { useEventStream } from './useEventStream.js';

export interface RuleSave {
  ok: boolean;
  errors: Record<string, string>;
}

/** The user's and the preset's rules; reloaded on the `rules` stream event. */
export function useRules() {
  const api = useApi();
  const [data, setData] = useState<RulesResponse>();
  const [error, setError] = useState<{ status: number; message: string }>();

  const load = useCallback(() => {
    api.rules().then(
      (r) => {
        setData(r);
        setError(undefined);
      },
      (err: unknown) => setError({ status: err instanceof ApiError ? err.status : 0, message: err instanceof Error ? err.message : String(err) }),
    );
  }, [api]);
  useEffect(load, [load]);
  useEventStream('rules.changed', load);

  const run = useCallback(
    async (op: () => Promise<unknown>): Promise<RuleSave> => {
      try {
        await op();
        load();
        return { ok: true, errors: {} };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, errors: { [err.field?.replace(/^(match|lifetime)\./, '').replace(/^confirmDisables$/, 'broad') ?? 'form']: err.message } };
        return { ok: false, errors: { form: String(err) } };
      }
    },
    [load],
  );

  return {
    data,
    error,
    create: (rule: RuleInput) => run(() => api.createRule(rule)),
    update: (id: string, rule: RuleInput) => run(() => api.updateRule(id, rule)),
    remove: (id: string) => run(() => api.deleteRule(id)),
  };
}
