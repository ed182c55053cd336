import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleView } from '../../../renderer/lib/contract-values.js';
import {
  appNotice, checkDraft, describeMatch, detectorProblem, draftFromRule, emptyDraft, hitsText, lifetimeText, restoreInput, ruleFromDraft, withConfirmation,
} from '../../../renderer/lib/rules.js';

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

  it('keeps a per-client rule’s key id and app through an edit, and shows the key as a chip', () => {
    const rule: RuleView = { id: 'r2', match: { clientKeyId: 'ck_agent', app: 'claude-code', category: 'pii' }, action: 'confirm', lifetime: { kind: 'always' }, createdAt: NOW, hits: 0 };
    assert.deepEqual(ruleFromDraft(draftFromRule(rule, NOW)).match, { clientKeyId: 'ck_agent', app: 'claude-code', category: 'pii' });
    assert.deepEqual(describeMatch(rule.match).find(([what]) => what === 'client key'), ['client key', 'ck_agent']);
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

describe('rules you can predict', () => {
  const choices = { detectors: [{ id: 'email', category: 'pii' as const }, { id: 'aws-access-key', category: 'secret' as const }], apps: ['claude-code', 'Claude Code'] };

  it('names a detector typo with the nearest id, and a detector of another category', () => {
    assert.equal(detectorProblem({ detector: 'emial', category: '' }, choices), 'No detector "emial". Did you mean email?');
    assert.equal(detectorProblem({ detector: 'zzzzzzzz', category: '' }, choices), 'No detector "zzzzzzzz". Pick one from the list.');
    assert.match(detectorProblem({ detector: 'email', category: 'secret' }, choices) ?? '', /email finds pii, not secret/);
    assert.equal(detectorProblem({ detector: 'email', category: 'pii' }, choices), undefined);
    assert.equal(detectorProblem({ detector: 'emial', category: '' }, undefined), undefined, 'no verdict before the list has loaded');
    assert.match(checkDraft({ ...emptyDraft(NOW), detector: 'emial', action: 'block' }, NOW, choices).detector ?? '', /Did you mean email/);
  });

  it('says when no request has come from an app yet', () => {
    assert.equal(appNotice('claude-code', choices), undefined);
    assert.match(appNotice('Claude-Code', choices) ?? '', /No request from "Claude-Code" yet; did you mean/);
    assert.match(appNotice('brand-new-tool', choices) ?? '', /Apps match exactly/);
  });

  it('a deleted rule comes back as the same rule, with the confirmation a broad allow needs', () => {
    const rule: RuleView = { id: 'rule_x', match: { category: 'secret' }, action: 'allow', lifetime: { kind: 'session', sessionId: 'old' }, createdAt: 5, source: 'remembered', note: 'n', hits: 3 };
    assert.deepEqual(restoreInput(rule), {
      match: { category: 'secret' }, action: 'allow', lifetime: { kind: 'session' }, note: 'n', restore: { id: 'rule_x', createdAt: 5, source: 'remembered' }, confirmDisables: 'secret',
    });
    assert.equal(withConfirmation({ match: { detector: 'email' }, action: 'allow', lifetime: { kind: 'always' } }).confirmDisables, undefined);
  });

  it('states hits and the last match', () => {
    assert.deepEqual(hitsText({ hits: 0 }, NOW), { count: 'No matches yet', last: '' });
    assert.deepEqual(hitsText({ hits: 1, lastHitAt: NOW - 5_000 }, NOW), { count: '1 hit', last: 'last just now' });
    assert.deepEqual(hitsText({ hits: 1234, lastHitAt: NOW - 3 * 60_000 }, NOW), { count: '1,234 hits', last: 'last 3 min ago' });
    assert.deepEqual(hitsText({ hits: 2, lastHitAt: NOW - 5 * 3_600_000 }, NOW), { count: '2 hits', last: 'last 5 h ago' });
  });
});
