/**
 * Calls `fn` once a second, just after each wall-clock second boundary, so every tick falls in a
 * new second and reports the one that just ended (a plain setInterval drifts and would sometimes
 * land twice in one second). Unref'd: it never keeps the process alive. Returns the stop.
 */
export function everySecond(fn: () => void, afterBoundaryMs = 20): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    timer = setTimeout(fire, 1000 - (Date.now() % 1000) + afterBoundaryMs);
    timer.unref();
  };
  const fire = () => {
    if (stopped) return;
    arm();
    fn();
  };
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export interface SleepyTicker {
  /** Starts ticking again if asleep (cheap when already awake). */
  wake(): void;
  stop(): void;
}

/**
 * `everySecond` that sleeps: when `fn` returns false (nothing to report, nobody watching) it stops
 * until `wake()`, so an idle gateway does no periodic work.
 */
export function everySecondWhileBusy(fn: () => boolean, afterBoundaryMs = 20): SleepyTicker {
  let stopTicks: (() => void) | undefined;
  let stopped = false;
  return {
    wake() {
      if (stopTicks !== undefined || stopped) return;
      const stop = everySecond(() => {
        if (fn()) return;
        stop();
        if (stopTicks === stop) stopTicks = undefined;
      }, afterBoundaryMs);
      stopTicks = stop;
    },
    stop() {
      stopped = true;
      stopTicks?.();
      stopTicks = undefined;
    },
  };
}
