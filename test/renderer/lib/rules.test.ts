import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleView } from '../../../renderer/lib/contract-values.js';
import { checkDraft, describeMatch, draftFromRule, emptyDraft, lifetimeText, ruleFromDraft } from '../../../renderer/lib/rules.js';

const NOW = Date.UTC(2026, 10, 2, 12);

describe('rule editing', () => {
  it('turns a draft into a rule input with only what was set', () => {
    const input = ruleFromDraft({ ...emptyDraft(NOW), category: 'secret', app: ' Cursor ', untrusted: 'no', action: 'block', note: '  ' });
    assert.deepEqual(input, { match: { category: 'secret', app: 'Cursor', untrusted: false }, action: 'block', lifetime: { kind: 'always' } });
  });

  it('keeps a value rule’s hash when editing without typing a new value, and sends a new value as plain text', () => {
    const rule: RuleView = { id: 'r1', match: { valueHash: 'h:abc', detector: 'email' }, action: 'allow', lifetime: { kind: 'until', until: NOW + 3_600_000 }, createdAt: NOW, hits: 0 };
    const draft = draftFromRule(rule, NOW);
    assert.deepEqual(ruleFromDraft(draft).match, { detector: 'email', valueHash: 'h:abc' });
    assert.equal(ruleFromDraft(draft).lifetime.kind, 'until');
    assert.equal((ruleFromDraft(draft).lifetime as { until: number }).until, NOW + 3_600_000 - (NOW % 60_000), 'minute precision of the date input');
    assert.deepEqual(ruleFromDraft({ ...draft, value: 'ops@example.com' }).match, { detector: 'email', value: 'ops@example.com' });
  });

  it('refuses an expiry in the past and overlong fields', () => {
    assert.equal(checkDraft({ ...emptyDraft(NOW), lifetime: 'until' }, NOW).until, undefined);
    assert.match(checkDraft({ ...emptyDraft(NOW), lifetime: 'until', until: '2020-01-01T00:00' }, NOW).until ?? '', /future/);
    assert.match(checkDraft({ ...emptyDraft(NOW), detector: 'x'.repeat(201) }, NOW).detector ?? '', /200/);
  });

  it('describes matches and lifetimes without any value', () => {
    assert.deepEqual(describeMatch({ valueHash: 'h:secret-hash', provider: 'openai' }), [['value', 'one exact value (hashed)'], ['provider', 'openai']]);
    assert.equal(lifetimeText({ kind: 'session', sessionId: 's' }, NOW), 'Until restart');
    assert.match(lifetimeText({ kind: 'until', until: NOW - 1 }, NOW), /^Expired/);
  });
});
