import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../components/EmptyState.js';
import { PageHead } from '../components/PageHead.js';
import { PendingCard } from '../components/PendingCard.js';
import { ShortcutHelp } from '../components/ShortcutHelp.js';
import type { PendingView } from '../../gateway/admin/contract.js';
import type { Decision } from '../lib/contract-values.js';
import { useClockFreeze } from '../hooks/useClockFreeze.js';
import { useToast } from '../hooks/useToasts.js';
import { useApi } from '../hooks/useApi.js';
import { useConfirmActions } from '../hooks/useConfirmActions.js';
import { routeHref } from '../hooks/useHashRoute.js';
import { useNow } from '../hooks/useNow.js';
import { usePending } from '../hooks/usePendingQueue.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { DEFAULT_REMEMBER, type RememberChoice } from '../lib/remember.js';
import { BatchBar } from '../components/BatchBar.js';
import { RecentDecisions } from '../components/RecentDecisions.js';
import { AlertToggles } from '../components/AlertToggles.js';


export function ConfirmationsPage() {
  const api = useApi();
  const { items, available } = usePending();
  const now = useNow(250);
  const actions = useConfirmActions();
  const toast = useToast();
  const [activeId, setActiveId] = useState<string>();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [remember, setRemember] = useState<ReadonlyMap<string, RememberChoice>>(new Map());
  const [revealed, setRevealed] = useState<ReadonlyMap<string, string>>(new Map());
  const [settings, setSettings] = useState({ timeoutMs: 60_000, onTimeout: 'deny' });
  const [help, setHelp] = useState(false);
  const [hovered, setHovered] = useState<string>();
  const [focused, setFocused] = useState<string>();
  const lastIndex = useRef(0);


  useEffect(() => {
    api.config().then((v) => setSettings({ timeoutMs: v.config.confirm.timeoutSec * 1000, onTimeout: v.config.confirm.onTimeout }), () => undefined);
  }, [api]);

  // Settled items leave the selection and take their revealed text with them.
  const live = new Set(items.map((i) => i.id));
  if ([...checked].some((id) => !live.has(id))) setChecked(new Set([...checked].filter((id) => live.has(id))));
  if ([...revealed.keys()].some((id) => !live.has(id))) setRevealed(new Map([...revealed].filter(([id]) => live.has(id))));
  // Whatever the user is looking at keeps still: hovered, focused (typing included), revealed.
  useClockFreeze([...new Set([hovered, focused, ...revealed.keys()].filter((id): id is string => id !== undefined && live.has(id)))].sort().join(','));

  const found = items.findIndex((i) => i.id === activeId);
  const index = found >= 0 ? found : Math.min(lastIndex.current, items.length - 1);
  lastIndex.current = Math.max(0, index);
  const active = index >= 0 ? items[index] : undefined;

  const activate = (id: string) => setActiveId(id);
  const move = (by: number) => {
    if (items.length === 0) return;
    const next = items[Math.max(0, Math.min(items.length - 1, index + by))];
    activate(next.id);
    document.querySelector(`[data-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  const toggle = (id: string) => setChecked((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set(c).add(id)));
  const targets = checked.size > 0 ? items.filter((i) => checked.has(i.id)) : active ? [active] : [];
  const decide = (decision: Decision, chosen: readonly PendingView[] = targets) => {
    if (chosen.length === 0) return;
    void actions.decide(chosen, decision, (id) => remember.get(id) ?? DEFAULT_REMEMBER);
    setChecked(new Set());
  };
  const reveal = async (id: string) => {
    const text = await actions.reveal(id);
    if (text !== undefined) setRevealed((r) => new Map(r).set(id, text));
  };

  const sendRequests = (decision: Decision) => {
    const requests = targets.filter((t) => t.stage === 'request');
    if (requests.length < targets.length) toast(`Tool calls are not sent by ${decision === 'approve_original' ? 'o' : 'a'}: refuse with d, or allow one with Shift+A`);
    decide(decision, requests);
  };

  useShortcuts({
    j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
    x: () => active && toggle(active.id),
    // `a` and `o` send requests; a tool call is never allowed by them, only by its own Shift+A on one card.
    a: () => sendRequests('approve_redacted'), o: () => sendRequests('approve_original'), d: () => decide('deny'),
    A: () => active && active.stage !== 'request' && checked.size === 0 && decide('approve_redacted', [active]),
    r: () => active && void reveal(active.id),
    Escape: () => setChecked(new Set()),
    '?': () => setHelp((h) => !h),
  });

  return (
    <div className="page">
      <PageHead
        title="Confirmations"
        subtitle={`Requests held until you decide. If nobody decides within ${Math.round(settings.timeoutMs / 1000)} s, the request is ${settings.onTimeout === 'deny' ? 'denied' : 'sent redacted'}.`}
      >
        <AlertToggles />
        <button type="button" className="btn ghost" onClick={() => setHelp((h) => !h)} aria-expanded={help}>
          Shortcuts <kbd className="kbd">?</kbd>
        </button>
      </PageHead>
      {help && <ShortcutHelp />}
      {items.length > 0 && (
        <BatchBar
          total={items.length} selected={items.filter((i) => checked.has(i.id))}
          onSelectAll={() => setChecked(checked.size === items.length ? new Set() : new Set(items.map((i) => i.id)))}
          onDecide={(d, chosen) => decide(d, chosen)}
        />
      )}
      {items.length === 0 ? (
        <div className="card">
          <EmptyState icon="shieldCheck" title="Nothing is waiting for you" testId="confirmations-empty">
            When a request carries something your policy asks about — a private key, a cloud credential, an injection in a tool result — it waits
            here until you decide. You can tune what is asked about in <a href={routeHref('settings', 'policy')}>Rules &amp; settings</a>.
            {available === false && ' (This gateway cannot list held requests yet; new ones appear here as they arrive.)'}
          </EmptyState>
        </div>
      ) : (
        <div className="stack" data-testid="pending-list">
          {items.map((item) => (
            <PendingCard
              key={item.id} item={item} now={now} totalMs={settings.timeoutMs} then={settings.onTimeout === 'deny' ? 'then denied' : 'then sent redacted'}
              active={item.id === active?.id} checked={checked.has(item.id)} busy={actions.busy.has(item.id)}
              remember={remember.get(item.id) ?? DEFAULT_REMEMBER} revealed={revealed.get(item.id)}
              onActivate={() => activate(item.id)} onToggle={() => toggle(item.id)} onExtend={() => actions.extend(item.id)}
              onLook={(on, how) => (how === 'hover' ? setHovered : setFocused)((cur) => (on ? item.id : cur === item.id ? undefined : cur))}
              onDecide={(d) => decide(d, [item])} onReveal={() => void reveal(item.id)}
              onHide={() => setRevealed((r) => new Map([...r].filter(([id]) => id !== item.id)))}
              onRemember={(choice) => setRemember((m) => new Map(m).set(item.id, choice))}
            />
          ))}
        </div>
      )}
      <RecentDecisions />
    </div>
  );
}
