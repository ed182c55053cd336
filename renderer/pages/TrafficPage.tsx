import { useCallback, useMemo, useState } from 'react';
import { Chart } from '../components/Chart.js';
import { PageHead } from '../components/PageHead.js';
import { StatTile } from '../components/StatTile.js';
import { useApi } from '../hooks/useApi.js';
import { useMetricsSeries } from '../hooks/useMetricsSeries.js';
import { usePoll } from '../hooks/usePoll.js';
import { useStoredState } from '../hooks/useStoredState.js';
import { formatBytes, formatCount, formatMs } from '../lib/format.js';
import { providerLines, summarize } from '../lib/series.js';

const WINDOWS = [
  { value: 60, label: '1 minute' },
  { value: 900, label: '15 minutes' },
] as const;

const SCALES = ['linear', 'log'] as const;
const perSec = (v: number) => `${formatCount(v)}/s`;
const ms = (v: number) => formatMs(v);
const bytes = (v: number) => `${formatBytes(v)}/s`;
const count = (v: number) => formatCount(v);

export function TrafficPage() {
  const [window, setWindow] = useState<60 | 900>(60);
  const [scale, setScale] = useStoredState<'linear' | 'log'>('aegis.traffic.scale', SCALES, 'linear');
  const log = scale === 'log';
  const { series: s } = useMetricsSeries(window);
  const sum = useMemo(() => summarize(s), [s]);
  const byProvider = useMemo(() => providerLines(s), [s]);
  // Percentiles per request over the whole window come from the gateway (a median of the per-second
  // medians would let one slow request in a quiet second outweigh a busy second).
  const api = useApi();
  const { data: stats } = usePoll(useCallback(() => api.stats(window), [api, window]), 2000);
  const w = stats?.summary;

  return (
    <div className="page">
      <PageHead title="Traffic" subtitle="Per-second view of everything the gateway handled, live. Latency is first byte in to last byte out.">
        <button type="button" className="btn ghost sm" aria-pressed={log} onClick={() => setScale(log ? 'linear' : 'log')} data-testid="log-scale" title="A log-like axis keeps quiet seconds readable next to a burst">
          Log scale
        </button>
        <div className="seg" role="group" aria-label="Window">
          {WINDOWS.map((w) => (
            <button key={w.value} type="button" aria-pressed={window === w.value} onClick={() => setWindow(w.value)} data-testid={`window-${w.value}`}>
              {w.label}
            </button>
          ))}
        </div>
      </PageHead>
      <div className="tiles">
        <StatTile label="Requests" value={formatCount(sum.requests)} detail={`peak ${perSec(sum.rpsPeak)}`} testId="tile-requests" />
        <StatTile label="Latency p50" value={w ? formatMs(w.p50Ms) : '–'} detail={w ? `p99 ${formatMs(w.p99Ms)} · per request` : undefined} testId="tile-p50" />
        <StatTile label="Gateway overhead" value={w ? formatMs(w.overheadP50Ms) : '–'} detail="median per request" testId="tile-overhead" />
        <StatTile
          label="Waiting for you" value={w && w.held > 0 ? formatMs(w.waitP50Ms) : '–'} testId="tile-wait"
          detail={w ? `${formatCount(w.held)} held · not part of latency` : undefined}
        />
        <StatTile label="Findings redacted" value={formatCount(sum.findings)} detail={`${formatCount(sum.blocks)} blocked or denied`} tone={sum.blocks > 0 ? 'warn' : undefined} />
        <StatTile label="Data" value={formatBytes(sum.bytes)} detail={`${formatCount(sum.errors)} errors`} tone={sum.errors > 0 ? 'danger' : undefined} />
      </div>
      <div className="charts">
        <Chart id="rps" log={log} title="Requests per second" ticks="integer" t={s.t} format={perSec} lines={[{ label: 'requests', values: s.rps, color: '--chart-1' }, { label: 'errors', values: s.errors, color: '--chart-4' }]} />
        {byProvider.length > 0 && <Chart id="providers" log={log} title="Requests per second by provider" ticks="integer" t={s.t} format={perSec} lines={byProvider} />}
        <Chart id="latency" log={log} title="Latency" t={s.t} format={ms} lines={[{ label: 'p50', values: s.p50Ms, color: '--chart-1' }, { label: 'p99', values: s.p99Ms, color: '--chart-2' }]} />
        <Chart id="overhead" log={log} title="Gateway overhead (p50)" t={s.t} format={ms} lines={[{ label: 'overhead', values: s.overheadP50Ms, color: '--chart-3' }]} />
        <Chart id="bytes" log={log} title="Bytes" ticks="binary" t={s.t} format={bytes} lines={[{ label: 'in', values: s.bytesIn, color: '--chart-1' }, { label: 'out', values: s.bytesOut, color: '--chart-3' }]} />
        <Chart id="findings" log={log} title="Redactions per second" ticks="integer" t={s.t} format={perSec} lines={[{ label: 'findings', values: s.findings, color: '--chart-2' }]} />
        <Chart id="blocks" log={log} title="Blocked or denied" ticks="integer" t={s.t} format={count} lines={[{ label: 'blocks', values: s.blocks, color: '--chart-4' }]} />
        <Chart id="pending" log={log} title="Waiting for you" ticks="integer" t={s.t} format={count} lines={[{ label: 'pending', values: s.pending, color: '--chart-2' }]} />
      </div>
    </div>
  );
}
