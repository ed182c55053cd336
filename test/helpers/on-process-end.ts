// Cleanup that must run however a test process ends: normal exit, or SIGTERM/SIGINT from a runner or
// a person (Node runs no 'exit' handlers on a signal by default, which would orphan a server).

const cleanups = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // Best effort: one failed cleanup must not stop the others.
    }
  }
  cleanups.clear();
}

/** Registers `fn` (synchronous); returns the unregister. */
export function onProcessEnd(fn: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        runAll();
        process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
      });
    }
  }
  cleanups.add(fn);
  return () => void cleanups.delete(fn);
}
