import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { findingsOf, unredacted } from '../lib/audit.js';
import { formatClock, formatMs } from '../lib/format.js';
import { CategoryChip, DecisionBadge, StatusCode } from './Badges.js';

const ROW = 60;

interface Props {
  events: AuditEvent[];
  selected: string | undefined;
  onSelect: (event: AuditEvent) => void;
  hasMore: boolean;
  onEnd: () => void;
}

/** The audit events, newest first, virtualised: thousands of rows cost the DOM of a screenful. */
export function AuditList({ events, selected, onSelect, hasMore, onEnd }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: events.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const items = virtual.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && lastIndex >= events.length - 5) onEnd();
  }, [lastIndex, events.length, hasMore, onEnd]);

  return (
    <div className="audit-list card" ref={scroller} data-testid="audit-list">
      <div className="audit-head" aria-hidden="true">
        <span>Time</span>
        <span>Decision</span>
        <span>Client</span>
        <span className="col-route">Route</span>
        <span>Findings</span>
        <span className="right">Status · time</span>
      </div>
      <div className="audit-body" style={{ height: virtual.getTotalSize() }}>
        {items.map((row) => {
          const e = events[row.index];
          return (
            <button
              type="button" key={e.id} className={`audit-row${unredacted(e) ? ' unredacted' : ''}`} aria-pressed={selected === e.id} data-testid="audit-row" data-id={e.id}
              style={{ transform: `translateY(${row.start}px)` }} onClick={() => onSelect(e)}
            >
              <span className="mono muted">{formatClock(e.time)}</span>
              <span>
                <DecisionBadge decision={e.decision} unredacted={unredacted(e)} />
              </span>
              <span className="client">
                <span className="ellipsis strong">{e.client.app}</span>
                <span className="ellipsis muted small">
                  {e.provider}
                  {e.model ? ` · ${e.model}` : ''}
                </span>
              </span>
              <span className="mono small ellipsis text-2 col-route">{e.route}</span>
              <span className="chips">
                {findingsOf(e).slice(0, 4).map(([c, n]) => (
                  <CategoryChip key={c} category={c} count={n} />
                ))}
                {findingsOf(e).length === 0 && <span className="muted small" aria-label="no findings">—</span>}
              </span>
              <span className="right nowrap">
                <StatusCode status={e.status} /> <span className="muted small num">{formatMs(e.durations.totalMs)}</span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
