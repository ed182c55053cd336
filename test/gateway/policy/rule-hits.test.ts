import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { disabledScope } from '../../../gateway/policy/broad-allow.js';
import { nearestName } from '../../../gateway/policy/nearest-name.js';
import { RuleHitTally } from '../../../gateway/policy/rule-hits.js';
import type { Rule } from '../../../gateway/policy/rule.js';

const rule = (id: string): Rule => ({ id, match: {}, action: 'redact', lifetime: { kind: 'always' }, createdAt: 0 });
const decided = (...ids: string[]) => ({ decisions: ids.map((id) => ({ rule: rule(id) })) }) as never;

test('rule hits: one per rule per exchange, latest time kept; take hands over and restarts', () => {
  const tally = new RuleHitTally();
  tally.note(decided('a', 'a', 'b'), 100);
  tally.note(decided('a'), 50);
  tally.note(decided(), 200);
  assert.deepEqual(tally.take(), [{ ruleId: 'a', hits: 2, lastHitAt: 100 }, { ruleId: 'b', hits: 1, lastHitAt: 100 }]);
  assert.deepEqual(tally.take(), []);
});

test('rule hits: a failed write is restored and merged with what arrived meanwhile; nothing is lost or doubled', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }), fc.integer({ min: 0, max: 1000 }), fc.boolean())), (steps) => {
    const tally = new RuleHitTally();
    const stored = new Map<string, number>();
    const expected = new Map<string, number>();
    for (const [ids, now, flush] of steps) {
      tally.note(decided(...ids), now);
      for (const id of new Set(ids)) expected.set(id, (expected.get(id) ?? 0) + 1);
      if (flush) {
        const deltas = tally.take();
        if (now % 2 === 0) tally.restore(deltas); // the write failed
        else for (const d of deltas) stored.set(d.ruleId, (stored.get(d.ruleId) ?? 0) + d.hits);
      }
    }
    const merged = tally.merged([...stored].map(([ruleId, hits]) => ({ ruleId, hits, lastHitAt: 0 })));
    assert.deepEqual(new Map([...merged].map(([id, h]) => [id, h.hits])), expected);
  }));
});

test('broad allow: only an allow rule with no detector and no value, over everything or a redacted category', () => {
  assert.equal(disabledScope('allow', {}), 'all');
  assert.equal(disabledScope('allow', { app: 'cursor', model: 'gpt-4o' }), 'all');
  assert.equal(disabledScope('allow', { category: 'secret' }), 'secret');
  assert.equal(disabledScope('allow', { category: 'name' }), 'name');
  assert.equal(disabledScope('allow', { category: 'injection' }), undefined);
  assert.equal(disabledScope('allow', { detector: 'email' }), undefined);
  assert.equal(disabledScope('allow', { valueHash: 'h' }), undefined);
  assert.equal(disabledScope('allow', { value: 'x' } as never), undefined);
  assert.equal(disabledScope('redact', {}), undefined);
  assert.equal(disabledScope('', {}), undefined);
});

test('nearest name: typos find what was meant, unrelated words find nothing', () => {
  const ids = ['email', 'aws-access-key', 'private-key', 'phone', 'ipv4'];
  assert.equal(nearestName('emial', ids), 'email');
  assert.equal(nearestName('EMAIL', ids), 'email');
  assert.equal(nearestName('aws-acess-key', ids), 'aws-access-key');
  assert.equal(nearestName('privatekey', ids), 'private-key');
  assert.equal(nearestName('zzzzzzzz', ids), undefined);
});
