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
