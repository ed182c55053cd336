import { useCallback, useRef, useState } from 'react';
import type { PendingView } from '../../gateway/admin/contract.js';
import { ApiError } from '../api.js';
import type { Decision } from '../lib/contract-values.js';
import { toRemember, type RememberChoice } from '../lib/remember.js';
import { useApi } from './useApi.js';
import { usePending } from './usePendingQueue.js';
import { useToast } from './useToasts.js';

const DONE: Record<Decision, string> = {
  approve_redacted: 'Sent with placeholders',
  approve_original: 'Sent as written',
  deny: 'Denied',
};
/** A touch resets the server's timer; more than one per item every few seconds adds nothing. */
const TOUCH_EVERY_MS = 3000;

/** Decide, touch and reveal, with the feedback each deserves (409: someone else decided first). */
export function useConfirmActions() {
  const api = useApi();
  const toast = useToast();
  const { settle } = usePending();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [touchedAt, setTouchedAt] = useState<ReadonlyMap<string, number>>(new Map());
  const lastTouch = useRef(new Map<string, number>());

  const mark = (id: string, on: boolean) =>
    setBusy((b) => {
      const next = new Set(b);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const decide = useCallback(
    async (targets: Pick<PendingView, 'id' | 'payloadHash'>[], decision: Decision, remember: (id: string) => RememberChoice) => {
      const ids = targets.map((t) => t.id);
      ids.forEach((id) => mark(id, true));
      const results = await Promise.allSettled(targets.map((t) => api.decide(t.id, decision, toRemember(remember(t.id), Date.now()), t.payloadHash)));
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
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      if (ok > 0) toast(ok === 1 ? DONE[decision] : `${DONE[decision]}: ${ok} requests`);
      if (gone > 0) toast(`${gone === 1 ? 'It was' : `${gone} were`} already decided or timed out`);
    },
    [api, settle, toast],
  );

  const touch = useCallback(
    (id: string) => {
      const now = Date.now();
      if (now - (lastTouch.current.get(id) ?? 0) < TOUCH_EVERY_MS) return;
      lastTouch.current.set(id, now);
      setTouchedAt((m) => new Map(m).set(id, now));
      api.touch(id).catch(() => undefined);
    },
    [api],
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

  return { decide, touch, reveal, busy, touchedAt };
}
