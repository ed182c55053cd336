import { Icon } from '../../components/Icon.js';
import type { RuleView } from '../../lib/contract-values.js';
import { useNow } from '../../hooks/useNow.js';
import { useState } from 'react';
import { describeMatch, hitsText, lifetimeText } from '../../lib/rules.js';

const ACTION_TONE = { allow: 'ok', redact: 'accent', confirm: 'warn', block: 'danger' } as const;

export function RulesTable({ rules, onEdit, onDelete }: { rules: RuleView[]; onEdit?: (r: RuleView) => void; onDelete?: (r: RuleView) => void }) {
  const now = useNow(30_000);
  // The row whose delete waits for a second click: deleting asks first, then offers an undo.
  const [asking, setAsking] = useState<string>();
  if (rules.length === 0) return <p className="muted" data-testid="rules-empty">No rules of your own yet. The preset decides everything.</p>;
  return (
    <table className="table rules" data-testid="rules-table">
      <thead>
        <tr>
          <th>When a finding matches</th>
          <th>Action</th>
          <th>Lifetime</th>
          <th>Matches</th>
          {onEdit && <th />}
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => {
          const expired = r.lifetime.kind === 'until' && r.lifetime.until <= now;
          const match = describeMatch(r.match);
          const hits = hitsText(r, now);
          return (
            <tr key={r.id} className={expired ? 'expired' : ''} data-testid="rule-row">
              <td>
                <div className="row wrap">
                  {match.length === 0 && <span className="chip">any finding</span>}
                  {match.map(([k, v]) => (
                    <span key={k} className="chip">
                      <span className="muted">{k}</span> {v}
                    </span>
                  ))}
                </div>
                {r.note && <div className="muted small rule-note">{r.note}</div>}
              </td>
              <td>
                <span className={`badge ${ACTION_TONE[r.action]}`}>{r.action}</span>
              </td>
              <td className="small">
                {lifetimeText(r.lifetime, now)}
                {r.source === 'remembered' && <div className="muted tiny">remembered from a confirmation</div>}
              </td>
              <td className="small" data-testid="rule-hits">
                <div>{hits.count}</div>
                {hits.last && <div className="muted tiny">{hits.last}</div>}
              </td>
              {onEdit && (
                <td className="actions">
                  {asking === r.id ? (
                    <span className="row confirm-delete" role="group" aria-label="Delete this rule?">
                      <span className="small">Delete?</span>
                      <button type="button" className="btn danger sm" data-testid="confirm-delete" onClick={() => (setAsking(undefined), onDelete?.(r))}>
                        Delete
                      </button>
                      <button type="button" className="btn ghost sm" onClick={() => setAsking(undefined)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <>
                      <button type="button" className="btn ghost sm icon" aria-label="Edit rule" onClick={() => onEdit(r)}>
                        <Icon name="edit" />
                      </button>
                      <button type="button" className="btn ghost sm icon" aria-label="Delete rule" data-testid="delete-rule" onClick={() => setAsking(r.id)}>
                        <Icon name="trash" />
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
