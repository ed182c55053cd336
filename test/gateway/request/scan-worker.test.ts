// Scan workers run below the event loop's priority on Linux (nice per thread there), so a large
// scan never delays the loop's wake-ups; the loop itself keeps its priority.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../gateway/config/load.js';
import { createScanEngine } from '../../../gateway/request/scan-engine.js';
import { WORKER_NICE } from '../../../gateway/request/scan-worker.js';

/** Each thread's nice value, from /proc (field 19 of stat, after the parenthesised name). */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return out;
}

describe('scan worker priority', { skip: process.platform !== 'linux' && 'nice is per thread only on Linux' }, () => {
  it(`runs the workers at nice ${WORKER_NICE} and leaves the event loop's thread as it was`, async () => {
    const before = niceByThread();
    const engine = createScanEngine(resolveConfig({ scan: { workers: 1, workerThresholdChars: 0 } }));
    try {
      const [found] = await engine.scanAll(['write to a@example.org']);
      assert.equal(found!.length, 1, 'the scan ran');
      const after = niceByThread();
      const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === WORKER_NICE);
      assert.ok(lowered.length >= 1, `a new thread at nice ${WORKER_NICE}: ${JSON.stringify([...after])}`);
      assert.equal(after.get(process.pid), before.get(process.pid), 'the main thread keeps its priority');
    } finally {
      await engine.close();
    }
  });
});
