import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPendingNotifier, NOTIFY_WINDOW_MS, type Note, type Schedule } from '../../electron/notify-policy.js';
import { PLANTED_SECRET, pendingItem } from './fixtures.js';

/** Timers driven by hand: `fire()` runs whatever is due, as if the window had passed. */
function manualClock() {
  const timers = new Set<{ fn: () => void; ms: number }>();
  const schedule: Schedule = (fn, ms) => {
    const t = { fn, ms };
    timers.add(t);
    return () => timers.delete(t);
  };
  return {
    schedule,
    armed: () => [...timers].map((t) => t.ms),
    fire() {
      const due = [...timers];
      timers.clear();
      for (const t of due) t.fn();
    },
  };
}

function rig() {
  const clock = manualClock();
  const shown: Note[] = [];
  const notifier = createPendingNotifier({ show: (n) => shown.push(n), schedule: clock.schedule });
  return { clock, shown, notifier };
}

test('a new item is announced at once, with names only, and clicking opens Confirmations', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(1, { clientApp: 'Claude Code', provider: 'anthropic', model: 'claude-sonnet-4' }));
  assert.deepEqual(shown, [
    { title: 'Approval needed: aws-key in a request', body: 'Claude Code → anthropic (claude-sonnet-4). Click to review.', target: 'confirmations' },
  ]);
  assert.deepEqual(clock.armed(), [NOTIFY_WINDOW_MS]);
});

test('the same item again (an update) is not announced twice', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(1));
  clock.fire();
  notifier.added(pendingItem(1));
  clock.fire();
  assert.equal(shown.length, 1);
});

test('a burst inside the window becomes one "N new items" note when the window ends', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(1));
  for (const n of [2, 3, 4]) notifier.added(pendingItem(n));
  assert.equal(shown.length, 1);
  clock.fire();
  assert.equal(shown.length, 2);
  assert.deepEqual(shown[1], { title: '3 new items need approval', body: 'From app-2, app-3, app-4. Click to review.', target: 'confirmations' });
  // That note opened a new window: the next item waits for it too.
  notifier.added(pendingItem(5));
  assert.equal(shown.length, 2);
  clock.fire();
  assert.equal(shown[2].title, 'Approval needed: aws-key in a request');
  // A quiet window ends without a note; then an item is announced at once again.
  clock.fire();
  assert.deepEqual(clock.armed(), []);
  notifier.added(pendingItem(6));
  assert.equal(shown.length, 4);
});

test('a burst from many apps names three and says there are others', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(0));
  for (const n of [1, 2, 3, 4, 5]) notifier.added(pendingItem(n, { clientApp: n % 2 ? 'curl' : `tool-${n}` }));
  clock.fire();
  assert.equal(shown[1].body, 'From curl, tool-2, tool-4. Click to review.');
  clock.fire(); // the window after that note passes quietly
  notifier.added(pendingItem(10, { clientApp: 'a' }));
  for (const n of [11, 12, 13, 14]) notifier.added(pendingItem(n, { clientApp: `x${n}` }));
  clock.fire();
  assert.equal(shown.length, 4);
  assert.equal(shown[3].body, 'From x11, x12, x13 and others. Click to review.');
});

test('items settled before the window ends are not announced', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(1));
  notifier.added(pendingItem(2));
  notifier.added(pendingItem(3));
  notifier.settled('pnd_2');
  notifier.settled('pnd_3');
  clock.fire();
  assert.equal(shown.length, 1);
});

test('a note never carries the preview or any value', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(1));
  notifier.added(pendingItem(2, { stage: 'response' }));
  notifier.added(pendingItem(3));
  clock.fire();
  const text = JSON.stringify(shown);
  assert.ok(!text.includes(PLANTED_SECRET));
  assert.ok(!text.includes('masked'));
});

test('dispose cancels the pending window and drops queued items', () => {
  const { shown, notifier, clock } = rig();
  notifier.added(pendingItem(1));
  notifier.added(pendingItem(2));
  notifier.dispose();
  assert.deepEqual(clock.armed(), []);
  clock.fire();
  assert.equal(shown.length, 1);
});
