import { randomUUID } from 'node:crypto';
import type { RuleHits, RulesRepo } from '../store/types.js';
import type { Slicer } from '../slicer.js';
import { compilePolicy, decideFinding, evaluate, summarize, type ExchangeDecision, type FindingDecision, type Policy } from './evaluate.js';
import type { ExchangeContext, PolicyFinding } from './finding.js';
import type { PresetName } from '../shared/presets.js';
import { parseRule, ruleExpiresAt, type Rule } from './rule.js';
import { RuleHitTally } from './rule-hits.js';

/**
 * The policy as the gateway runs it: the user's rules from the store plus the configured preset,
 * compiled once per change (not per request), evaluated per exchange. Owns the run's session id,
 * so "until restart" rules die with the process. Rules that fail validation are skipped, and said.
 */
/** What changed in the user's rules; announced so dashboards and the tray reload them. */
export interface RuleChange {
  change: 'created' | 'updated' | 'deleted' | 'remembered';
  id?: string;
}

export class PolicyService {
  readonly sessionId = randomUUID();
  readonly #repo: RulesRepo;
  readonly #hash: (value: string) => string;
  readonly #onInvalid: (id: string, err: unknown) => void;
  #onChange: (change: RuleChange) => void = () => undefined;
  #rules: Rule[] = [];
  #preset: PresetName;
  #policy: Policy;
  /** Client keys' own presets, compiled on first use with the current rules; cleared when rules change. */
  #byPreset = new Map<PresetName, Policy>();
  readonly #hits = new RuleHitTally();
  #hitsFlush: Promise<void> = Promise.resolve();

  private constructor(repo: RulesRepo, preset: PresetName, hash: (value: string) => string, onInvalid: (id: string, err: unknown) => void) {
    this.#repo = repo;
    this.#preset = preset;
    this.#hash = hash;
    this.#onInvalid = onInvalid;
    this.#policy = compilePolicy([], preset);
  }

  static async load(
    repo: RulesRepo,
    preset: PresetName,
    hash: (value: string) => string,
    onInvalid: (id: string, err: unknown) => void = () => undefined,
  ): Promise<PolicyService> {
    const service = new PolicyService(repo, preset, hash, onInvalid);
    await service.reload();
    return service;
  }

  /** Every rule change, whichever path made it (admin API, a remembered decision, a used-up `once`). */
  onChange(listener: (change: RuleChange) => void): void {
    this.#onChange = listener;
  }

  get policy(): Policy {
    return this.#policy;
  }

  /** The policy for an exchange: its client key's preset when it has one, else the global preset. */
  policyFor(preset: PresetName | undefined): Policy {
    if (preset === undefined || preset === this.#preset) return this.#policy;
    let policy = this.#byPreset.get(preset);
    if (policy === undefined) this.#byPreset.set(preset, (policy = compilePolicy(this.#rules, preset)));
    return policy;
  }

  get rules(): readonly Rule[] {
    return this.#rules;
  }

  /** The keyed hash rules match values by. */
  hash(value: string): string {
    return this.#hash(value);
  }

  setPreset(preset: PresetName): void {
    if (preset === this.#preset) return;
    this.#preset = preset;
    this.#policy = compilePolicy(this.#rules, preset);
  }

  /** Re-reads the user's rules (after an edit through the admin API). */
  async reload(): Promise<void> {
    const rules: Rule[] = [];
    for (const record of await this.#repo.list()) {
      try {
        rules.push(parseRule(record.rule));
      } catch (err) {
        this.#onInvalid(record.id, err);
      }
    }
    this.#rules = rules;
    this.#policy = compilePolicy(rules, this.#preset);
    this.#byPreset = new Map();
  }

  async save(rule: Rule, change: RuleChange['change'] = 'updated'): Promise<void> {
    await this.#repo.upsert({ id: rule.id, createdAt: rule.createdAt, expiresAt: ruleExpiresAt(rule), rule });
    await this.reload();
    this.#onChange({ change, id: rule.id });
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.#repo.delete(id);
    if (removed) {
      await this.reload();
      this.#onChange({ change: 'deleted', id });
    }
    return removed;
  }

  evaluate(findings: readonly PolicyFinding[], ctx: ExchangeContext, valueFor: (f: PolicyFinding) => string | undefined, now = Date.now()): ExchangeDecision {
    const decision = evaluate(this.policyFor(ctx.preset), { findings, ctx, now, sessionId: this.sessionId, valueFor, hash: this.#hash });
    this.#hits.note(decision, now);
    return decision;
  }

  /** Counts the rules that decided an exchange evaluated elsewhere (the response guards). In memory only. */
  noteHits(decision: Pick<ExchangeDecision, 'decisions'>, now = Date.now()): void {
    this.#hits.note(decision, now);
  }

  /**
   * Writes the counts gathered since the last flush in one store call (the gateway calls this after
   * each audit batch and on close). A failed write keeps its counts for the next one.
   */
  flushHits(): Promise<void> {
    this.#hitsFlush = this.#hitsFlush.then(async () => {
      const deltas = this.#hits.take();
      if (deltas.length === 0) return;
      try {
        await this.#repo.addHits(deltas);
      } catch (err) {
        this.#hits.restore(deltas);
        throw err;
      }
    });
    const run = this.#hitsFlush;
    this.#hitsFlush = run.catch(() => undefined);
    return run;
  }

  /** Each rule id's hit count and last match: written first (an admin read is rare), plus what arrived since. */
  async hits(): Promise<Map<string, RuleHits>> {
    await this.flushHits().catch(() => undefined);
    return this.#hits.merged(await this.#repo.hits());
  }

  /**
   * `evaluate` in slices, giving the event loop a turn whenever `slicer` says so: a request may carry
   * tens of thousands of findings. The policy in force when it started decides all of them.
   */
  async evaluateInSlices(findings: readonly PolicyFinding[], ctx: ExchangeContext, valueFor: (f: PolicyFinding) => string | undefined, slicer: Slicer): Promise<ExchangeDecision> {
    const policy = this.policyFor(ctx.preset);
    const input = { findings, ctx, now: Date.now(), sessionId: this.sessionId, valueFor, hash: this.#hash };
    const decisions: FindingDecision[] = [];
    for (let i = 0; i < findings.length; i++) {
      decisions.push(decideFinding(policy, input, findings[i]!));
      if ((i & 255) === 255) await slicer.maybeYield();
    }
    this.#hits.note({ decisions }, input.now);
    return summarize(decisions);
  }

  /** One exchange is one use of a `once` rule: delete those that decided something. */
  async consume(ruleIds: readonly string[]): Promise<void> {
    if (ruleIds.length === 0) return;
    for (const id of ruleIds) await this.#repo.delete(id);
    await this.reload();
    for (const id of ruleIds) this.#onChange({ change: 'deleted', id });
  }
}
