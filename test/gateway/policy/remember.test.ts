import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy, evaluate } from '../../../gateway/policy/evaluate.js';
import { rememberRule, type ConfirmDecision, type RememberScope } from '../../../gateway/policy/remember.js';
import { isRule, type Action } from '../../../gateway/policy/rule.js';
import { NOW, SESSION, TOOL_ARGS, TOOL_RESULT, ctx, finding, hash, valueFor, type TestFinding } from './helpers.js';

const aws = finding('secret', 'aws-access-key', 'AKIAABCDEFGHIJKLMNOP');
const awsOther = finding('secret', 'aws-access-key', 'AKIAZZZZZZZZZZZZZZZZ');
const pem = finding('secret', 'private-key', '-----BEGIN PRIVATE KEY-----');
const binding = (f: TestFinding) => ({ sessionId: SESSION, valueHash: hash(f.value) });

const decide = (rules: Parameters<typeof compilePolicy>[0], f: TestFinding, over: { app?: string; now?: number; session?: string } = {}) =>
  evaluate(compilePolicy(rules, 'balanced'), {
    findings: [f], ctx: ctx({ app: over.app ?? 'claude-code' }), now: over.now ?? NOW + 1, sessionId: over.session ?? SESSION, valueFor, hash,
  }).decisions[0]!;

const actionRows: ReadonlyArray<[ConfirmDecision, TestFinding, Action]> = [
  ['approve_redacted', aws, 'redact'],
  ['approve_original', aws, 'allow'],
  ['deny', aws, 'block'],
  ['approve_redacted', finding('injection', 'injection.override', 'x', TOOL_RESULT), 'allow'],
  ['approve_original', finding('response', 'guard.destructive', 'x', TOOL_ARGS), 'allow'],
  ['deny', finding('response', 'guard.destructive', 'x', TOOL_ARGS), 'block'],
];
for (const [decision, f, action] of actionRows) {
  test(`remember: ${decision} on ${f.category} → ${action}`, () => {
    const rule = rememberRule(decision, 'category', { kind: 'always' }, f, ctx(), NOW, binding(f));
    assert.equal(rule.action, action);
    assert.equal(decide([rule], f).rule.id, rule.id);
  });
}

interface ScopeRow {
  readonly scope: RememberScope;
  readonly other: TestFinding;
  readonly app: string;
  readonly covers: boolean;
}
const scopeRows: readonly ScopeRow[] = [
  { scope: 'value', other: aws, app: 'cursor', covers: true },
  { scope: 'value', other: awsOther, app: 'claude-code', covers: false },
  { scope: 'app', other: awsOther, app: 'claude-code', covers: true },
  { scope: 'app', other: awsOther, app: 'cursor', covers: false },
  { scope: 'app', other: pem, app: 'claude-code', covers: false },
  { scope: 'category', other: awsOther, app: 'cursor', covers: true },
  { scope: 'category', other: pem, app: 'claude-code', covers: false },
];
for (const row of scopeRows) {
  test(`remember scope ${row.scope}: ${row.covers ? 'covers' : 'does not cover'} ${row.other.detector}/${row.other.value.slice(-4)} from ${row.app}`, () => {
    const rule = rememberRule('approve_original', row.scope, { kind: 'always' }, aws, ctx(), NOW, binding(aws));
    const d = decide([rule], row.other, { app: row.app });
    assert.equal(d.rule.id === rule.id, row.covers);
    assert.equal(d.action, row.covers ? 'allow' : 'confirm');
  });
}

test('remember: the value scope stores the hash, never the value', () => {
  const rule = rememberRule('approve_original', 'value', { kind: 'always' }, aws, ctx(), NOW, binding(aws));
  assert.deepEqual(rule.match, { category: 'secret', valueHash: hash(aws.value) });
  assert.ok(!JSON.stringify(rule).includes(aws.value));
});

test('remember: value scope without a hash is refused', () => {
  assert.throws(() => rememberRule('deny', 'value', { kind: 'always' }, aws, ctx(), NOW, { sessionId: SESSION }), TypeError);
});

test('remember: lifetimes', () => {
  const mk = (l: Parameters<typeof rememberRule>[2]) => rememberRule('approve_original', 'category', l, aws, ctx(), NOW, binding(aws));
  const session = mk({ kind: 'session' });
  assert.deepEqual(session.lifetime, { kind: 'session', sessionId: SESSION });
  assert.equal(decide([session], aws, { session: 'other' }).action, 'confirm');
  const until = mk({ kind: 'until', until: NOW + 3_600_000 });
  assert.equal(decide([until], aws, { now: NOW + 3_599_999 }).action, 'allow');
  assert.equal(decide([until], aws, { now: NOW + 3_600_000 }).action, 'confirm');
  assert.throws(() => mk({ kind: 'until', until: NOW }), RangeError);
  const once = mk({ kind: 'once' });
  const r = evaluate(compilePolicy([once], 'balanced'), { findings: [aws], ctx: ctx(), now: NOW, sessionId: SESSION });
  assert.deepEqual(r.usedOnceRuleIds, [once.id]);
});

test('remember: the rule is schema-valid, stamped, and its id is deterministic unless given', () => {
  const a = rememberRule('deny', 'app', { kind: 'always' }, aws, ctx(), NOW, binding(aws));
  const b = rememberRule('deny', 'app', { kind: 'always' }, aws, ctx(), NOW, binding(aws));
  const c = rememberRule('deny', 'app', { kind: 'always' }, aws, ctx({ app: 'cursor' }), NOW, binding(aws));
  assert.ok(isRule(a));
  assert.equal(a.id, b.id);
  assert.notEqual(a.id, c.id);
  assert.equal(a.createdAt, NOW);
  assert.equal(a.source, 'remembered');
  assert.equal(rememberRule('deny', 'app', { kind: 'always' }, aws, ctx(), NOW, { ...binding(aws), id: 'given' }).id, 'given');
});

test('remember: "everything from this app" is one rule over every finding of that app, not one kind', () => {
  const rule = rememberRule('approve_redacted', 'everything', { kind: 'always' }, pem, ctx({ app: 'claude-code' }), NOW, binding(pem));
  assert.deepEqual(rule.match, { app: 'claude-code' });
  assert.equal(rule.action, 'redact');
  // It decides the private key it was made from, another kind of secret and a guard finding from that app…
  for (const f of [pem, aws, finding('pii', 'email', 'a@example.com'), finding('response', 'guard.destructive', 'x', TOOL_ARGS)]) {
    assert.equal(decide([rule], f).rule.id, rule.id, f.detector);
  }
  // …and nothing from another app.
  assert.notEqual(decide([rule], aws, { app: 'cursor' }).rule.id, rule.id);
  assert.equal(rememberRule('approve_original', 'everything', { kind: 'always' }, pem, ctx(), NOW, binding(pem)).action, 'allow');
  assert.equal(rememberRule('deny', 'everything', { kind: 'always' }, pem, ctx(), NOW, binding(pem)).action, 'block');
});
