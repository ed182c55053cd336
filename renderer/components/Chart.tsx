import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { cssVar, withAlpha } from '../dom/chart-theme.js';
import { formatClock } from '../lib/format.js';

export interface ChartLine {
  label: string;
  values: number[];
  /** A CSS token, e.g. `--chart-1`. */
  color: string;
}

interface Props {
  id: string;
  title: string;
  t: number[];
  lines: ChartLine[];
  format: (v: number) => string;
  /** Tick steps: whole numbers (counts), powers of 1024 (bytes), or uPlot's decimal default. */
  ticks?: 'integer' | 'binary';
  /** Log-like y axis (arcsinh: log for large values, linear near 0), so one burst does not flatten the rest. */
  log?: boolean;
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500];
const INCRS = {
  integer: [...STEPS, ...STEPS.map((s) => s * 1000), ...STEPS.map((s) => s * 1e6)],
  binary: [1, 1024, 1024 ** 2, 1024 ** 3].flatMap((unit) => STEPS.map((s) => s * unit)),
};

const HEIGHT = 140;
const dark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

function options(lines: ChartLine[], width: number, format: (v: number) => string, ticks: Props['ticks'], log: boolean, onHover: (idx: number | null) => void): uPlot.Options {
  const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--chart-grid'), width: 1 }, ticks: { show: false }, font: '11px system-ui, sans-serif' };
  return {
    width, height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    // The y axis always runs from 0 to above the window's peak, so a burst is never cut off; log mode keeps the quiet seconds readable beside it.
    scales: {
      x: { time: true },
      y: log ? { distr: 4, asinh: 1, range: (_u, _min, max) => [0, Math.max(1, max * 1.5)] } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
    },
    axes: [
      { ...axis, size: 26, space: 70, values: (_u, ticks) => ticks.map((s) => formatClock(s * 1000).slice(0, 8)) },
      { ...axis, size: 52, values: (_u, splits) => splits.map(format), ...(ticks && !log && { incrs: INCRS[ticks] }) },
    ],
    hooks: { setCursor: [(u) => onHover(u.cursor.idx ?? null)] },
    series: [
      {},
      ...lines.map((l, i) => {
        const color = cssVar(l.color);
        return { label: l.label, stroke: color, width: 1.6, fill: i === 0 ? withAlpha(color, 0.12) : undefined, points: { show: false } };
      }),
    ],
  };
}

/**
 * One uPlot chart of the per-second window. uPlot draws on canvas and sets only CSSOM styles, so
 * it runs under the dashboard's CSP. The container exposes the data's peak and sum as attributes,
 * which the end-to-end tests read instead of pixels.
 */
export function Chart({ id, title, t, lines, format, ticks, log = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [scheme, setScheme] = useState(dark);
  // The second under the pointer: the legend shows its values instead of the latest ones.
  const [hover, setHover] = useState<number | null>(null);
  const data: uPlot.AlignedData = [t, ...lines.map((l) => l.values)];
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setScheme(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = new uPlot(options(lines, Math.max(el.clientWidth, 200), format, ticks, log, setHover), latest.current, el);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series set or the palette changes; data flows through setData below.
  }, [lines.length, scheme, log]);

  // Only new data redraws: a hover re-renders this component, and setData would redraw for nothing.
  const drawn = useRef<uPlot.AlignedData>([]);
  useEffect(() => {
    if (data.length === drawn.current.length && data.every((col, i) => col === drawn.current[i])) return;
    drawn.current = data;
    plot.current?.setData(data);
  });

  const first = lines[0]?.values ?? [];
  const at = hover !== null && hover < t.length ? hover : undefined;
  const peak = first.reduce((a, b) => Math.max(a, b), 0);
  const sum = first.reduce((a, b) => a + b, 0);
  return (
    <section className="chart card" data-testid={`chart-${id}`} data-peak={peak} data-sum={sum} data-points={t.length} data-scale={log ? 'log' : 'linear'}>
      <header className="chart-head">
        <h3>{title}</h3>
        <div className="chart-legend" data-testid={`chart-legend-${id}`} data-hover-index={at}>
          {at !== undefined && (
            <span className="legend-item mono" data-testid="chart-hover-time">
              {formatClock(t[at]! * 1000).slice(0, 8)}
            </span>
          )}
          {lines.map((l) => (
            <span key={l.label} className="legend-item" data-series={l.label}>
              <span className={`swatch ${l.color.slice(2)}`} />
              {l.label}
              <b className="num">{format(at !== undefined ? (l.values[at] ?? 0) : l.values.length ? l.values[l.values.length - 1] : 0)}</b>
            </span>
          ))}
        </div>
      </header>
      <div className="chart-canvas" ref={host} />
    </section>
  );
}
