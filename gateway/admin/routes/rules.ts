import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from '../../config/runtime.js';
import { GatewayError } from '../../errors.js';
import { PRESETS } from '../../policy/presets.js';
import type { Rule } from '../../policy/rule.js';
import type { PolicyService } from '../../policy/service.js';
import type { RuleHits, Store } from '../../store/types.js';
import {
  RuleInputSchema, RuleParamsSchema, type ListedRule, type RuleChoices, type RuleInput, type RuleParams, type RuleResponse, type RulesView,
} from '../contract.js';
import { checkBroadAllow, checkRuleMatch, knownDetectors } from '../rule-checks.js';
import { ruleFromInput } from '../rule-input.js';
import { badRequest } from '../validation.js';

export interface RuleRouteOptions {
  policy: PolicyService;
  runtime: RuntimeConfig;
  store: Store;
}

const newRuleId = (): string => `rule_${randomBytes(9).toString('base64url')}`;

/** Preset rules come from code, not the store: shown for context, never edited. */
const isPresetId = (id: string): boolean => Object.values(PRESETS).some((rules) => rules.some((r) => r.id === id));

/** Apps in the audit's latest events looked at for the app picker; a bounded read, only when the editor opens. */
const RECENT_AUDIT = 500;

const listed = (rule: Rule, hits: ReadonlyMap<string, RuleHits>): ListedRule => {
  const h = hits.get(rule.id);
  return { ...rule, hits: h?.hits ?? 0, ...(h && { lastHitAt: h.lastHitAt }) };
};

/**
 * The user's policy rules: listed next to the active preset's with hit counts, created, replaced and
 * deleted. A rule is checked before it is saved: its detector must exist, it must be able to match,
 * and an allow rule that turns protection off wholesale needs `confirmDisables` naming what it
 * disables. Each change is saved through the policy service (which recompiles the policy for the next
 * request) and announced as `rules.changed`, so every open dashboard reloads the list.
 */
export async function ruleRoutes(app: FastifyInstance, opts: RuleRouteOptions): Promise<void> {
  const { policy, runtime, store } = opts;
  const stamp = (id: string, createdAt: number) => ({ id, createdAt, now: Date.now(), sessionId: policy.sessionId, hash: (v: string) => policy.hash(v) });
  const editable = (id: string) => {
    if (isPresetId(id)) throw badRequest('id', 'preset rules are not editable; add a rule of your own, which takes precedence');
    const rule = policy.rules.find((r) => r.id === id);
    if (rule === undefined) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no rule ${id}`);
    return rule;
  };
  const keyApps = async () => [...new Set((await store.clientKeys.list()).map((k) => k.app))];
  const check = async (input: RuleInput) => {
    checkRuleMatch(input.match, { detectors: knownDetectors(runtime.current.scan.denyTerms.length), keyApps: await keyApps() });
    checkBroadAllow(input.action, input.match, input.confirmDisables);
  };

  app.get('/rules', async (req): Promise<RulesView> => {
    const preset = runtime.current.policy.preset;
    // Counts are a courtesy: a store that cannot answer them must not hide the rules themselves.
    const hits = await policy.hits().catch((err: unknown) => {
      req.log.warn({ err }, 'rule hit counts unavailable');
      return new Map<string, RuleHits>();
    });
    return { preset, rules: policy.rules.map((r) => listed(r, hits)), presetRules: PRESETS[preset].map((r) => listed(r, hits)) };
  });

  app.get('/rules/choices', async (): Promise<RuleChoices> => {
    const recent = await store.audit.list({ limit: RECENT_AUDIT });
    const apps = new Set([...(await keyApps()), ...recent.events.map((e) => e.client.app)]);
    return { detectors: knownDetectors(runtime.current.scan.denyTerms.length), apps: [...apps].sort((a, b) => a.localeCompare(b)) };
  });

  app.post<{ Body: RuleInput }>('/rules', { schema: { body: RuleInputSchema } }, async (req, reply) => {
    const { restore } = req.body;
    if (restore !== undefined) {
      // Undo of a delete: the same rule comes back, id, creation time (so precedence) and source included.
      if (isPresetId(restore.id) || policy.rules.some((r) => r.id === restore.id)) throw new GatewayError('GW_ERR_ADMIN_CONFLICT', `rule ${restore.id} exists`);
      if (restore.createdAt > Date.now()) throw badRequest('restore.createdAt', 'must not be in the future');
    }
    const rule = ruleFromInput(req.body, stamp(restore?.id ?? newRuleId(), restore?.createdAt ?? Date.now()));
    if (restore?.source === 'remembered') rule.source = 'remembered';
    await check(req.body);
    await policy.save(rule, 'created');
    const body: RuleResponse = { rule };
    return reply.code(201).send(body);
  });

  // A replacement keeps the id and creation time; the rule is the user's from then on.
  app.put<{ Params: RuleParams; Body: RuleInput }>('/rules/:id', { schema: { params: RuleParamsSchema, body: RuleInputSchema } }, async (req): Promise<RuleResponse> => {
    const current = editable(req.params.id);
    if (req.body.restore !== undefined) throw badRequest('restore', 'only POST /admin/rules restores a deleted rule');
    const rule = ruleFromInput(req.body, stamp(current.id, current.createdAt));
    await check(req.body);
    await policy.save(rule, 'updated');
    return { rule };
  });

  app.delete<{ Params: RuleParams }>('/rules/:id', { schema: { params: RuleParamsSchema } }, async (req, reply) => {
    const { id } = req.params;
    if (isPresetId(id)) throw badRequest('id', 'preset rules cannot be deleted; add a rule of your own, which takes precedence');
    if (!(await policy.remove(id))) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no rule ${id}`);
    return reply.code(204).send();
  });
}
