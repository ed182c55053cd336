import type { PendingView } from '../../gateway/admin/contract.js';
import type { Decision } from '../lib/contract-values.js';
import { countOf } from '../lib/decision-text.js';

interface Props {
  total: number;
  selected: readonly PendingView[];
  onSelectAll: () => void;
  onDecide: (d: Decision, targets: readonly PendingView[]) => void;
}

/**
 * Decisions for a selection. A batch never allows a tool call: with tool calls selected the only
 * action for all is Deny/Refuse, and sending redacted says it applies to the requests alone.
 */
export function BatchBar({ total, selected, onSelectAll, onDecide }: Props) {
  const requests = selected.filter((i) => i.stage === 'request');
  const tools = selected.length - requests.length;
  const n = selected.length;
  const denyText = tools === 0 ? `Deny ${countOf(n, 'request')}` : requests.length === 0 ? `Refuse ${countOf(n, 'tool call')}` : `Deny/refuse all ${n}`;
  return (
    <div className={`batch-bar${n > 0 ? ' on' : ''}`} data-testid="batch-bar">
      <label className="check">
        <input type="checkbox" checked={n > 0 && n === total} ref={(el) => { if (el) el.indeterminate = n > 0 && n < total; }} onChange={onSelectAll} />
        {n > 0 ? `${n} selected` : `${total} waiting`}
      </label>
      <div className="spacer" />
      {n > 0 ? (
        <div className="batch-kinds">
          <button type="button" className="btn danger sm" onClick={() => onDecide('deny', selected)} data-testid="batch-deny">
            {denyText}
          </button>
          {requests.length > 0 && (
            <button type="button" className="btn sm" onClick={() => onDecide('approve_redacted', requests)} data-testid="batch-approve">
              Send {countOf(requests.length, 'request')} redacted{tools > 0 ? ` (${countOf(tools, 'tool call')} stay held)` : ''}
            </button>
          )}
        </div>
      ) : (
        <span className="muted small">
          <kbd className="kbd">j</kbd> <kbd className="kbd">k</kbd> move · <kbd className="kbd">x</kbd> select · <kbd className="kbd">a</kbd> send a request redacted ·{' '}
          <kbd className="kbd">d</kbd> deny or refuse
        </span>
      )}
    </div>
  );
}
