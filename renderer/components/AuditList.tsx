import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type MouseEvent } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { findingsOf, unredacted } from '../lib/audit.js';
import { formatClock, formatMs } from '../lib/format.js';
import { isHeldRow } from '../lib/held-rows.js';
import { CategoryChip, RowBadge, StatusCode } from './Badges.js';

const ROW = { comfortable: 60, compact: 36 } as const;
export type Density = keyof typeof ROW;
/** Scrolled further than this from the top, the reader is reading: live events wait behind a pill. */
const READING_PX = 8;

interface Props {
  events: AuditEvent[];
  selected: string | undefined;
  onSelect: (event: AuditEvent) => void;
  hasMore: boolean;
  onEnd: () => void;
  density: Density;
  /** Clicking a row's client app filters the list by it. */
  onClient: (app: string) => void;
  /** True while scrolled away from the top. */
  onReading: (reading: boolean) => void;
  newCount: number;
  onShowNew: () => void;
}

/** The audit events, newest first, virtualised: thousands of rows cost the DOM of a screenful. */
export function AuditList({ events, selected, onSelect, hasMore, onEnd, density, onClient, onReading, newCount, onShowNew }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: events.length, getScrollElement: () => scroller.current, estimateSize: () => ROW[density], overscan: 12 });
  const items = virtual.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && lastIndex >= events.length - 5) onEnd();
  }, [lastIndex, events.length, hasMore, onEnd]);
  useEffect(() => virtual.measure(), [density, virtual]);
  // Gone (an empty view shows instead): nobody is reading, so live events must not wait behind a pill no one sees.
  useEffect(() => () => onReading(false), [onReading]);

  const filterByClient = (e: MouseEvent, app: string) => {
    e.stopPropagation();
    onClient(app);
  };
  const showNew = () => {
    scroller.current?.scrollTo({ top: 0 });
    onShowNew();
  };

  return (
    <div className="audit-wrap">
      {newCount > 0 && (
        <button type="button" className="new-pill" onClick={showNew} data-testid="new-pill">
          {newCount} new
        </button>
      )}
      <div
        className={`audit-list card ${density}`} ref={scroller} data-testid="audit-list" data-density={density}
        onScroll={(e) => onReading(e.currentTarget.scrollTop > READING_PX)}
      >
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
            const held = isHeldRow(e) ? e.live : undefined;
            return (
              <button
                type="button" key={e.id} className={`audit-row${unredacted(e) ? ' unredacted' : ''}${held === 'held' ? ' held' : ''}`} aria-pressed={selected === e.id}
                data-testid="audit-row" data-id={e.id} data-pending-id={e.pendingId} data-live={held}
                style={{ transform: `translateY(${row.start}px)`, height: ROW[density] }} onClick={() => onSelect(e)}
              >
                <span className="mono muted">{formatClock(e.time)}</span>
                <span>
                  <RowBadge event={e} />
                </span>
                <span className="client">
                  <span className="ellipsis strong client-app" title={`Show only ${e.client.app}`} onClick={(m) => filterByClient(m, e.client.app)} data-testid="row-client">
                    {e.client.app}
                  </span>
                  {density === 'comfortable' && (
                    <span className="ellipsis muted small">
                      {e.provider}
                      {e.model ? ` · ${e.model}` : ''}
                    </span>
                  )}
                </span>
                <span className="mono small ellipsis text-2 col-route">{e.route}</span>
                <span className="chips">
                  {findingsOf(e).slice(0, 4).map(([c, n]) => (
                    <CategoryChip key={c} category={c} count={n} />
                  ))}
                  {findingsOf(e).length === 0 && <span className="muted small" aria-label="no findings">—</span>}
                </span>
                <span className="right nowrap">
                  {held === 'held' ? (
                    <span className="small text-2">waiting for you</span>
                  ) : held === 'decided' ? (
                    <span className="small text-2">decided</span>
                  ) : (
                    <>
                      <StatusCode status={e.status} /> <span className="muted small num">{formatMs(e.durations.totalMs)}</span>
                    </>
                  )}
                </span>
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
