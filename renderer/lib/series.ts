import type { MetricsSecond, MetricsSeries } from '../../gateway/admin/contract.js';

export type SeriesField = Exclude<keyof MetricsSeries, 't'>;
export const SERIES_FIELDS = ['rps', 'errors', 'p50Ms', 'p99Ms', 'overheadP50Ms', 'bytesIn', 'bytesOut', 'findings', 'blocks', 'pending'] as const satisfies readonly SeriesField[];

export const emptySeries = (): MetricsSeries => ({ t: [], ...Object.fromEntries(SERIES_FIELDS.map((f) => [f, []])) }) as unknown as MetricsSeries;

/**
 * The window after one more second from the live stream: appended when newer, seconds the stream
 * skipped (a reconnect) filled with zeros as the server does, the oldest dropped beyond `size`.
 */
export function appendSecond(series: MetricsSeries, second: MetricsSecond, size: number): MetricsSeries {
  const last = series.t.length > 0 ? series.t[series.t.length - 1] : undefined;
  if (last !== undefined && second.t <= last) return series;
  const gap = last === undefined ? 0 : Math.min(second.t - last - 1, size);
  const next = { t: [...series.t] } as MetricsSeries;
  for (const f of SERIES_FIELDS) next[f] = [...series[f]];
  for (let i = gap; i > 0; i--) {
    next.t.push(second.t - i);
    for (const f of SERIES_FIELDS) next[f].push(0);
  }
  next.t.push(second.t);
  for (const f of SERIES_FIELDS) next[f].push(second[f]);
  // Per provider: a provider new to the window starts with zeros; one absent from this second counts 0.
  const names = new Set([...Object.keys(series.providers ?? {}), ...Object.keys(second.providers ?? {})]);
  if (names.size > 0) {
    next.providers = {};
    for (const name of names) {
      const before = series.providers?.[name] ?? new Array<number>(series.t.length).fill(0);
      next.providers[name] = [...before, ...new Array<number>(gap).fill(0), second.providers?.[name] ?? 0];
    }
  }
  const drop = next.t.length - size;
  if (drop > 0) {
    next.t = next.t.slice(drop);
    for (const f of SERIES_FIELDS) next[f] = next[f].slice(drop);
    if (next.providers) for (const name in next.providers) next.providers[name] = next.providers[name]!.slice(drop);
  }
  return next;
}

const COLORS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4'];

/** One chart line per provider in the window, busiest first (the chart's data attributes follow the first). */
export function providerLines(s: MetricsSeries): { label: string; values: number[]; color: string }[] {
  return Object.entries(s.providers ?? {})
    .map(([label, values]) => ({ label, values, total: sum(values) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
    .map(({ label, values }, i) => ({ label, values, color: COLORS[i % COLORS.length]! }));
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const max = (xs: readonly number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);

/** What the tiles above the charts say about a window. */
export function summarize(s: MetricsSeries) {
  const n = s.t.length;
  return {
    requests: sum(s.rps),
    rpsNow: n > 0 ? s.rps[n - 1] : 0,
    rpsPeak: max(s.rps),
    bytes: sum(s.bytesIn) + sum(s.bytesOut),
    findings: sum(s.findings),
    blocks: sum(s.blocks),
    errors: sum(s.errors),
    pendingNow: n > 0 ? s.pending[n - 1] : 0,
  };
}
