import type { Decision } from '../lib/contract-values.js';

export function BatchBar({ total, selected, onSelectAll, onDecide }: { total: number; selected: number; onSelectAll: () => void; onDecide: (d: Decision) => void }) {
  return (
    <div className={`batch-bar${selected > 0 ? ' on' : ''}`} data-testid="batch-bar">
      <label className="check">
        <input type="checkbox" checked={selected > 0 && selected === total} ref={(el) => { if (el) el.indeterminate = selected > 0 && selected < total; }} onChange={onSelectAll} />
        {selected > 0 ? `${selected} selected` : `${total} waiting`}
      </label>
      <div className="spacer" />
      {selected > 0 ? (
        <>
          <button type="button" className="btn danger sm" onClick={() => onDecide('deny')} data-testid="batch-deny">
            Deny {selected}
          </button>
          <button type="button" className="btn primary sm" onClick={() => onDecide('approve_redacted')} data-testid="batch-approve">
            Send {selected} redacted
          </button>
        </>
      ) : (
        <span className="muted small">
          <kbd className="kbd">j</kbd> <kbd className="kbd">k</kbd> move · <kbd className="kbd">x</kbd> select · <kbd className="kbd">a</kbd> send redacted ·{' '}
          <kbd className="kbd">d</kbd> deny
        </span>
      )}
    </div>
  );
}
