import { useCallback, useState } from 'react';
import type { PendingView } from '../../gateway/admin/contract.js';
import { ApiError } from '../api.js';
import type { Decision } from '../lib/contract-values.js';
import { decisionToast } from '../lib/decision-text.js';
import { everythingOriginalWarning, toRemember, type RememberChoice } from '../lib/remember.js';
import { useApi } from './useApi.js';
import { usePending } from './usePendingQueue.js';
import { useToast } from './useToasts.js';


/** Decide, touch and reveal, with the feedback each deserves (409: someone else decided first). */
export function useConfirmActions() {
  const api = useApi();
  const toast = useToast();
  const { settle } = usePending();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  const mark = (id: string, on: boolean) =>
    setBusy((b) => {
      const next = new Set(b);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const decide = useCallback(
    async (targets: readonly Pick<PendingView, 'id' | 'payloadHash' | 'stage' | 'clientApp'>[], decision: Decision, remember: (id: string) => RememberChoice) => {
      // Remembering "send original" for everything from an app turns protection off for it: asked by name first.
      const wholesale = decision === 'approve_original' ? [...new Set(targets.filter((t) => remember(t.id).scope === 'everything').map((t) => t.clientApp))] : [];
      for (const app of wholesale) if (!window.confirm(everythingOriginalWarning(app))) return;
      const bodyOf = (id: string) => {
        const r = toRemember(remember(id), Date.now());
        return r && r.scope === 'everything' && decision === 'approve_original' ? { ...r, confirmDisables: 'all' as const } : r;
      };
      const ids = targets.map((t) => t.id);
      ids.forEach((id) => mark(id, true));
      const results = await Promise.allSettled(targets.map((t) => api.decide(t.id, decision, bodyOf(t.id), t.payloadHash)));
      let gone = 0;
      results.forEach((r, i) => {
        const id = ids[i];
        mark(id, false);
        if (r.status === 'fulfilled') settle(id);
        else if (r.reason instanceof ApiError && (r.reason.status === 409 || r.reason.status === 404)) {
          settle(id);
          gone++;
        } else toast(`Could not decide: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`, 'danger');
      });
      const done = targets.filter((_, i) => results[i]!.status === 'fulfilled').map((t) => ({ stage: t.stage, decision }));
      // Rules a remembered decision made come with an Undo that deletes exactly those.
      const made = results.flatMap((r) => (r.status === 'fulfilled' ? (r.value.item.rememberedRuleIds ?? []) : []));
      const undo = { label: 'Undo rule', run: () => void Promise.all(made.map((id) => api.deleteRule(id))).then(() => toast(made.length === 1 ? 'Remembered rule removed' : `${made.length} remembered rules removed`), (err: unknown) => toast(`Could not undo: ${err instanceof Error ? err.message : String(err)}`, 'danger')) };
      if (done.length > 0) toast(`${decisionToast(done)}${made.length > 0 ? ` · remembered as ${made.length === 1 ? 'a rule' : `${made.length} rules`}` : ''}`, 'info', made.length > 0 ? undo : undefined);
      if (gone > 0) toast(`${gone === 1 ? 'It was' : `${gone} were`} already decided or timed out`);
    },
    [api, settle, toast],
  );

  const extend = useCallback(
    (id: string) => {
      api.extend(id).then(() => toast('One more minute to decide'), (err: unknown) => toast(`Could not extend: ${err instanceof Error ? err.message : String(err)}`, 'danger'));
    },
    [api, toast],
  );

  const reveal = useCallback(
    async (id: string): Promise<string | undefined> => {
      mark(id, true);
      try {
        return (await api.reveal(id)).text;
      } catch (err) {
        toast(`Could not reveal: ${err instanceof Error ? err.message : String(err)}`, 'danger');
        return undefined;
      } finally {
        mark(id, false);
      }
    },
    [api, toast],
  );

  return { decide, extend, reveal, busy };
}
