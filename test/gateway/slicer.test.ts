// Sliced work shares the event loop (gateway/slicer.ts): however many jobs yield at once, one turn of
// the loop resumes one slice, so a timer or a socket waits for at most one slice, not one per job.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextSliceTurn, Slicer } from '../../gateway/slicer.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('the slice lane', () => {
  it('resumes one waiting slice per turn of the event loop, in the order they yielded', async () => {
    const log: string[] = [];
    let probing = true;
    // One entry per turn: an immediate that queues the next runs once per check phase.
    const probe = () => {
      log.push('turn');
      if (probing) setImmediate(probe);
    };
    setImmediate(probe);
    const job = async (name: string) => {
      const slicer = new Slicer();
      for (let i = 0; i < 4; i++) {
        busy(1);
        log.push(name);
        await slicer.yield();
      }
    };
    await Promise.all(['a', 'b', 'c', 'd'].map(job));
    probing = false;
    // Between two turns, at most one slice ran (the first slices run before any yield, so skip them).
    const afterStart = log.slice(log.indexOf('turn'));
    let slicesThisTurn = 0;
    let most = 0;
    for (const entry of afterStart) {
      slicesThisTurn = entry === 'turn' ? 0 : slicesThisTurn + 1;
      most = Math.max(most, slicesThisTurn);
    }
    assert.equal(most, 1, `slices ran back to back in one turn: ${afterStart.join(' ')}`);
    // Round robin: each job's slices interleave with the others' rather than running in a burst.
    const order = afterStart.filter((e) => e !== 'turn').join('');
    assert.equal(order, 'abcdabcdabcd');
  });

  it('resolves a lone waiter on the next turn', async () => {
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    await nextSliceTurn();
    assert.ok(ran, 'an immediate queued before the yield ran first');
  });
});
