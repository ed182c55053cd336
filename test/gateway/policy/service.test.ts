// The policy service's per-client presets: an exchange whose client key carries a preset is decided
// by that preset's rules (with the user's rules above them), everyone else by the global preset, and
// a rule edit reaches every preset's compiled policy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PRESET_NAMES } from '../../../gateway/shared/presets.js';
import { PolicyService } from '../../../gateway/policy/service.js';
import type { RuleRecord, RulesRepo } from '../../../gateway/store/types.js';
import { ctx, finding, hash, userRule, valueFor } from './helpers.js';

function memoryRules(): RulesRepo {
  const rows = new Map<string, RuleRecord>();
  return {
    list: async () => [...rows.values()],
    upsert: async (r) => void rows.set(r.id, r),
    delete: async (id) => rows.delete(id),
    addHits: async () => undefined,
    hits: async () => [],
  };
}

const email = finding('pii', 'email', 'a@example.com');

describe('PolicyService per-client presets', () => {
  it('a key’s preset replaces the global one for its exchanges only', async () => {
    const policy = await PolicyService.load(memoryRules(), 'balanced', hash);
    const decide = (over: Parameters<typeof ctx>[0]) => policy.evaluate([email], ctx(over), valueFor).action;
    assert.equal(decide({}), 'redact');
    assert.equal(decide({ clientKeyId: 'ck_agent', preset: 'strict' }), 'confirm');
    assert.equal(decide({ clientKeyId: 'ck_batch', preset: 'permissive' }), 'redact');
    assert.equal(policy.policyFor(undefined), policy.policy);
    assert.equal(policy.policyFor('balanced'), policy.policy, 'the global preset is not compiled twice');
    assert.equal(policy.policyFor('strict'), policy.policyFor('strict'), 'compiled once, then reused');
  });

  it('user rules sit above every preset, and an edit reaches the presets compiled before it', async () => {
    const policy = await PolicyService.load(memoryRules(), 'balanced', hash);
    const strict = policy.policyFor('strict');
    await policy.save(userRule({ clientKeyId: 'ck_agent', detector: 'email' }, 'allow'), 'created');
    assert.notEqual(policy.policyFor('strict'), strict);
    assert.equal(policy.evaluate([email], ctx({ clientKeyId: 'ck_agent', preset: 'strict' }), valueFor).action, 'allow');
    assert.equal(policy.evaluate([email], ctx({ clientKeyId: 'ck_other', preset: 'strict' }), valueFor).action, 'confirm');
  });

  it('for any preset pair, an exchange is decided exactly as a service whose global preset is the key’s', async () => {
    const services = Object.fromEntries(await Promise.all(PRESET_NAMES.map(async (p) => [p, await PolicyService.load(memoryRules(), p, hash)] as const)));
    const findings = [email, finding('secret', 'aws-access-key'), finding('secret', 'github-token'), finding('custom', 'term')];
    fc.assert(fc.property(fc.constantFrom(...PRESET_NAMES), fc.constantFrom(...PRESET_NAMES), fc.subarray(findings, { minLength: 1 }), (global, own, list) => {
      const viaKey = services[global]!.evaluate(list, ctx({ clientKeyId: 'ck_x', preset: own }), valueFor).action;
      const asGlobal = services[own]!.evaluate(list, ctx({ clientKeyId: 'ck_x' }), valueFor).action;
      assert.equal(viaKey, asGlobal);
    }));
  });
});
