// Waiting for a condition that has no event to wait on (state inside a server), polled briefly.
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 5000, everyMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
