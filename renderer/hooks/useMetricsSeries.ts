import { useEffect, useRef, useState } from 'react';
import type { MetricsSecond, MetricsSeries } from '../../gateway/admin/contract.js';
import { appendSecond, emptySeries } from '../lib/series.js';
import { useApi } from './useApi.js';
import { useEventStream, useStreamOpen } from './useEventStream.js';

/** The per-second window (60 or 900 s): loaded from `/admin/stats`, then one second per `metrics` event. */
export function useMetricsSeries(window: 60 | 900): { series: MetricsSeries; loaded: boolean } {
  const api = useApi();
  const [series, setSeries] = useState<MetricsSeries>(emptySeries);
  const [loaded, setLoaded] = useState(false);
  const [reloads, setReloads] = useState(0);
  // Seconds that arrive while the window loads are replayed onto it, so none reads as a zero.
  const recent = useRef<MetricsSecond[]>([]);

  useEffect(() => {
    let live = true;
    api.stats(window).then(
      (res) => {
        if (!live) return;
        setSeries(recent.current.reduce((s, second) => appendSecond(s, second, window), res.series));
        setLoaded(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, window, reloads]);

  // Metrics are live-only: after a reconnect the seconds missed come from the server again.
  useStreamOpen(() => setReloads((n) => n + 1));
  useEventStream('metrics', (second) => {
    recent.current = [...recent.current.slice(-9), second];
    setSeries((s) => appendSecond(s, second, window));
  });

  return { series, loaded };
}
