// What counting rule hits adds to the hot path: policy evaluation of one exchange with and without
// the in-memory tally, interleaved in the same run (the machine is noisy), medians and their ratio.
// The store write happens after audit batches, off the request path, so it is not measured here.
// Usage: node --import tsx bench/rule-hits.ts
import { performance } from 'node:perf_hooks';
import { compilePolicy, evaluate, type EvaluateInput } from '../gateway/policy/evaluate.js';
import type { PolicyFinding } from '../gateway/policy/finding.js';
import { RuleHitTally } from '../gateway/policy/rule-hits.js';
import type { Rule } from '../gateway/policy/rule.js';
import { median, num, table } from './lib/stats.js';

const field = { role: 'user', fieldKind: 'message', untrusted: false } as const;
const DETECTORS = ['email', 'phone', 'aws-access-key', 'github-token', 'ipv4'];
const findingsOf = (n: number): PolicyFinding[] =>
  Array.from({ length: n }, (_, i) => ({ category: i % 2 ? 'secret' : 'pii', detector: DETECTORS[i % DETECTORS.length]!, kind: 'K', start: i, end: i + 1, field }) as PolicyFinding);
const rules: Rule[] = Array.from({ length: 50 }, (_, i) => ({
  id: `rule_${i}`, match: { detector: DETECTORS[i % DETECTORS.length]!, app: `app-${i}` }, action: 'redact', lifetime: { kind: 'always' }, createdAt: i, source: 'user',
}));
const policy = compilePolicy(rules, 'balanced');
const ROUNDS = 31;
const PER_ROUND = 2000;

const rows: string[][] = [];
for (const n of [1, 10, 100]) {
  const input: EvaluateInput = { findings: findingsOf(n), ctx: { app: 'claude-code', provider: 'openai', route: '/v1/chat/completions' }, now: 1, sessionId: 's' };
  const tally = new RuleHitTally();
  const plain: number[] = [];
  const counted: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) evaluate(policy, input);
    plain.push((performance.now() - t) / PER_ROUND);
    t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) tally.note(evaluate(policy, input), i);
    counted.push((performance.now() - t) / PER_ROUND);
    if (r % 8 === 0) tally.take();
  }
  const [a, b] = [median(plain), median(counted)];
  rows.push([String(n), num(a * 1000, 2), num(b * 1000, 2), num((b - a) * 1000, 2), num(b / a, 3)]);
}
console.log(table(['findings', 'evaluate µs (median)', 'evaluate + tally µs', 'added µs', 'ratio'], rows));
