import type { RuleHits } from '../store/types.js';
import type { ExchangeDecision } from './evaluate.js';

/**
 * Rule hit counts as the hot path keeps them: in memory, one increment per rule per exchange it
 * decided a finding of (a rule that decides twenty findings of one request counted once, as a firewall
 * counts connections). The store gets the accumulated deltas in one write per batch, so no request
 * ever waits on a counter. Pure: the caller passes the time and does the writing.
 */
export class RuleHitTally {
  #pending = new Map<string, RuleHits>();

  note(decision: Pick<ExchangeDecision, 'decisions'>, now: number): void {
    const seen = new Set<string>();
    for (const { rule } of decision.decisions) {
      if (seen.has(rule.id)) continue;
      seen.add(rule.id);
      const h = this.#pending.get(rule.id);
      if (h === undefined) this.#pending.set(rule.id, { ruleId: rule.id, hits: 1, lastHitAt: now });
      else {
        h.hits++;
        h.lastHitAt = Math.max(h.lastHitAt, now);
      }
    }
  }

  /** The deltas so far, handed over for writing; the tally starts again from zero. */
  take(): RuleHits[] {
    const out = [...this.#pending.values()];
    this.#pending = new Map();
    return out;
  }

  /** Deltas whose write failed go back, added to whatever arrived meanwhile. */
  restore(deltas: readonly RuleHits[]): void {
    for (const d of deltas) this.#add(this.#pending, d);
  }

  /** Stored counts plus the deltas not yet written, by rule id. */
  merged(stored: readonly RuleHits[]): Map<string, RuleHits> {
    const out = new Map<string, RuleHits>();
    for (const list of [stored, [...this.#pending.values()]]) for (const h of list) this.#add(out, h);
    return out;
  }

  #add(into: Map<string, RuleHits>, d: RuleHits): void {
    const h = into.get(d.ruleId);
    if (h === undefined) into.set(d.ruleId, { ...d });
    else {
      h.hits += d.hits;
      h.lastHitAt = Math.max(h.lastHitAt, d.lastHitAt);
    }
  }
}
