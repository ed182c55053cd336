import type { PendingView } from '../../gateway/admin/contract.js';
import type { Decision } from '../lib/contract-values.js';
import { rememberPreview, type RememberChoice } from '../lib/remember.js';
import { CategoryChip } from './Badges.js';
import { Countdown, urgency } from './Countdown.js';
import { Icon } from './Icon.js';
import { RememberPicker } from './RememberPicker.js';
import { VisibleText } from './VisibleText.js';

export interface PendingCardProps {
  item: PendingView;
  active: boolean;
  checked: boolean;
  now: number;
  totalMs: number;
  /** What happens when the clock runs out, e.g. "then denied". */
  then: string;
  busy: boolean;
  remember: RememberChoice;
  revealed: string | undefined;
  onActivate: () => void;
  /** Pointer over the card, or focus inside it: the page freezes its clock meanwhile. */
  onLook: (looking: boolean, how: 'hover' | 'focus') => void;
  onExtend: () => void;
  onToggle: () => void;
  onDecide: (decision: Decision) => void;
  onReveal: () => void;
  onHide: () => void;
  onRemember: (choice: RememberChoice) => void;
}

/** One held request or tool call: what triggered it (masked), who asked, the clock, the choices. */
export function PendingCard(p: PendingCardProps) {
  const { item } = p;
  const request = item.stage === 'request';
  const kinds = [...new Set(item.findings.map((f) => `${f.category}:${f.kind}`))];
  const frozen = item.frozen === true;
  const remainingMs = frozen ? item.remainingMs : item.expiresAt - p.now;
  const tone = frozen ? '' : urgency(remainingMs);
  const preview = rememberPreview(p.remember, item.findings, item.clientApp, request ? 'request' : 'response');
  return (
    <article
      className={`pending card${p.active ? ' active' : ''}${p.checked ? ' checked' : ''}${tone ? ` tone-${tone}` : ''}`} data-testid="pending-item" data-id={item.id}
      data-stage={item.stage} aria-current={p.active ? 'true' : undefined} onPointerDown={p.onActivate}
      onFocusCapture={() => (p.onActivate(), p.onLook(true, 'focus'))}
      onBlurCapture={(e) => e.currentTarget.contains(e.relatedTarget as Node | null) || p.onLook(false, 'focus')}
      onPointerEnter={() => p.onLook(true, 'hover')} onPointerLeave={() => p.onLook(false, 'hover')}
    >
      <header className="pending-head">
        <input type="checkbox" className="pending-check" aria-label="Select for a batch decision" checked={p.checked} onChange={p.onToggle} />
        <div className="grow">
          <div className="row wrap">
            <CategoryChip category={item.trigger.category} />
            <span className="mono small strong">{item.trigger.detector}</span>
            <span className="badge">{item.stage === 'request' ? 'Request' : 'Tool call'}</span>
            {(item.retries ?? 0) > 0 && (
              <span className="badge" data-testid="retries" title="Identical retries from the same client wait for this one decision">
                retried {item.retries}×
              </span>
            )}
          </div>
          <div className="pending-meta">
            <span className="strong">{item.clientApp}</span>
            <span className="muted">→</span>
            <span>{item.provider}</span>
            {item.model && <span className="mono small text-2">{item.model}</span>}
            <span className="mono small muted">{item.route}</span>
          </div>
        </div>
        <Countdown remainingMs={remainingMs} totalMs={p.totalMs} frozen={frozen} then={p.then} onExtend={p.onExtend} />
      </header>

      <div className="pending-body">
        <div className="section-title">{p.revealed !== undefined ? 'Original text (revealed)' : 'What triggered it (masked)'}</div>
        {p.revealed !== undefined ? (
          <>
            <pre className="preview revealed" data-testid="revealed-text">
              <VisibleText text={p.revealed} />
            </pre>
            <p className="muted small">Revealing was recorded in the audit log. The text is kept in this window only until you hide it.</p>
          </>
        ) : (
          <pre className="preview" data-testid="pending-preview">
            <VisibleText text={item.preview} />
          </pre>
        )}
        <div className="row wrap">
          {kinds.map((k) => {
            const [category, kind] = k.split(':');
            return (
              <span key={k} className="chip">
                {kind}
                <span className="muted">{category}</span>
              </span>
            );
          })}
          {item.reveals.length > 0 && (
            <span className="chip" title="Who revealed the full text">
              <Icon name="eye" /> revealed {item.reveals.length}×
            </span>
          )}
        </div>
      </div>

      {preview && (
        <div className="pending-remember small" data-testid="remember-preview" role="note">
          <span>{preview.head}</span>
          <ul className="remember-rules">
            {preview.rules.map((r, i) => (
              <li key={i} data-testid="remember-rule">
                {r}
              </li>
            ))}
          </ul>
          <span>{preview.actions}</span>
          {request && p.remember.lifetime === 'always' && (
            <span className="remember-warn" data-testid="remember-always-warning">
              {' '}
              <b>Send original + Always</b> sends these unredacted from now on, with no question.
            </span>
          )}
          {request && p.remember.scope === 'everything' && (
            <span className="remember-warn" data-testid="remember-everything-warning">
              {' '}
              <b>Send original</b> would turn protection off for everything from {item.clientApp}; you will be asked to confirm.
            </span>
          )}
        </div>
      )}
      <footer className="pending-foot">
        <RememberPicker value={p.remember} onChange={p.onRemember} onInteract={p.onActivate} idPrefix={item.id} toolCall={!request} />
        <div className="spacer" />
        {p.revealed !== undefined ? (
          <button type="button" className="btn ghost" onClick={p.onHide}>
            Hide
          </button>
        ) : (
          <button type="button" className="btn ghost" onClick={p.onReveal} disabled={p.busy} title="Show the original text (recorded)">
            <Icon name="eye" /> Reveal <kbd className="kbd">r</kbd>
          </button>
        )}
        {request ? (
          <>
            <button type="button" className="btn danger" onClick={() => p.onDecide('deny')} disabled={p.busy} data-testid="deny">
              Deny <kbd className="kbd">d</kbd>
            </button>
            <button type="button" className="btn warn" onClick={() => p.onDecide('approve_original')} disabled={p.busy} data-testid="approve-original">
              Send original <kbd className="kbd">o</kbd>
            </button>
            <button type="button" className="btn primary" onClick={() => p.onDecide('approve_redacted')} disabled={p.busy} data-testid="approve-redacted">
              <Icon name="shieldCheck" /> Send redacted <kbd className="kbd">a</kbd>
            </button>
          </>
        ) : (
          <>
            {/* A tool call runs on the user's machine: refusing is the prominent, safe choice, and Allow has a key of its own. */}
            <button type="button" className="btn warn" onClick={() => p.onDecide('approve_redacted')} disabled={p.busy} data-testid="allow-tool">
              Allow this call <kbd className="kbd">Shift+A</kbd>
            </button>
            <button type="button" className="btn danger primary-choice" onClick={() => p.onDecide('deny')} disabled={p.busy} data-testid="deny">
              <Icon name="shieldCheck" /> Refuse <kbd className="kbd">d</kbd>
            </button>
          </>
        )}
      </footer>
    </article>
  );
}
