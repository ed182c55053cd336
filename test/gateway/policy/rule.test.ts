import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS } from '../../../gateway/policy/presets.js';
import { PRESET_NAMES } from '../../../gateway/shared/presets.js';
import { isRule, parseRule, ruleExpiresAt, type Rule } from '../../../gateway/policy/rule.js';

const good: Rule = {
  id: 'r1',
  match: { category: 'secret', detector: 'aws-access-key', app: 'cursor', provider: 'openai', model: 'gpt-4o', route: '/v1/chat/completions' },
  action: 'confirm',
  lifetime: { kind: 'until', until: 1_750_000_000_000 },
  createdAt: 1_740_000_000_000,
  source: 'user',
  note: 'ask about AWS keys from Cursor',
};

test('rule schema: a full rule survives a JSON round trip', () => {
  assert.deepEqual(parseRule(JSON.parse(JSON.stringify(good))), good);
});

const bad: ReadonlyArray<[string, unknown]> = [
  ['unknown match key (a raw value)', { ...good, match: { value: 'AKIA…' } }],
  ['unknown top-level key', { ...good, extra: 1 }],
  ['unknown action', { ...good, action: 'deny' }],
  ['until without a time', { ...good, lifetime: { kind: 'until' } }],
  ['session without its id', { ...good, lifetime: { kind: 'session' } }],
  ['unknown lifetime', { ...good, lifetime: { kind: 'forever' } }],
  ['unknown category', { ...good, match: { category: 'email' } }],
  ['a provider that could not be a configured name', { ...good, match: { provider: 'Google Cloud' } }],
  ['empty id', { ...good, id: '' }],
  ['fractional createdAt', { ...good, createdAt: 1.5 }],
];
for (const [name, value] of bad) {
  test(`rule schema rejects: ${name}`, () => {
    assert.equal(isRule(value), false);
    assert.throws(() => parseRule(value), /invalid rule/);
  });
}

test('every preset rule is schema-valid, preset-sourced, and each preset has a catch-all', () => {
  for (const name of PRESET_NAMES) {
    const rules = PRESETS[name];
    for (const r of rules) {
      assert.ok(isRule(r), r.id);
      assert.equal(r.source, 'preset');
    }
    assert.ok(rules.some((r) => Object.keys(r.match).length === 0), `${name} has a catch-all`);
  }
});

test('permissive never holds or blocks; strict never silently allows', () => {
  assert.ok(PRESETS.permissive.every((r) => r.action === 'redact' || r.action === 'allow'));
  // Strict asks about everything, except findings in tool definitions and names (opt-in detectors), which it redacts (never allows).
  assert.ok(PRESETS.strict.every((r) => r.action === 'confirm' || (r.action === 'redact' && (r.match.fieldKind === 'tool_definition' || r.match.category === 'name'))));
  assert.ok(PRESETS.balanced.every((r) => r.action !== 'block'));
});

test('ruleExpiresAt: only until-rules expire by time', () => {
  assert.equal(ruleExpiresAt(good), 1_750_000_000_000);
  assert.equal(ruleExpiresAt({ ...good, lifetime: { kind: 'always' } }), undefined);
  assert.equal(ruleExpiresAt({ ...good, lifetime: { kind: 'session', sessionId: 's' } }), undefined);
});
