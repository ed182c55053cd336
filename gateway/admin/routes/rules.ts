import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from '../../config/runtime.js';
import { GatewayError } from '../../errors.js';
import { PRESETS } from '../../policy/presets.js';
import type { PolicyService } from '../../policy/service.js';
import { RuleInputSchema, RuleParamsSchema, type RuleInput, type RuleParams, type RuleResponse, type RulesView } from '../contract.js';
import { ruleFromInput } from '../rule-input.js';
import { badRequest } from '../validation.js';

export interface RuleRouteOptions {
  policy: PolicyService;
  runtime: RuntimeConfig;
}

const newRuleId = (): string => `rule_${randomBytes(9).toString('base64url')}`;

/** Preset rules come from code, not the store: shown for context, never edited. */
const isPresetId = (id: string): boolean => Object.values(PRESETS).some((rules) => rules.some((r) => r.id === id));

/**
 * The user's policy rules: listed next to the active preset's, created, replaced and deleted. Each
 * change is saved through the policy service (which recompiles the policy for the next request) and
 * announced as `rules.changed`, so every open dashboard reloads the list.
 */
export async function ruleRoutes(app: FastifyInstance, opts: RuleRouteOptions): Promise<void> {
  const { policy, runtime } = opts;
  const stamp = (id: string, createdAt: number) => ({ id, createdAt, now: Date.now(), sessionId: policy.sessionId, hash: (v: string) => policy.hash(v) });
  const editable = (id: string) => {
    if (isPresetId(id)) throw badRequest('id', 'preset rules are not editable; add a rule of your own, which takes precedence');
    const rule = policy.rules.find((r) => r.id === id);
    if (rule === undefined) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no rule ${id}`);
    return rule;
  };

  app.get('/rules', async (): Promise<RulesView> => {
    const preset = runtime.current.policy.preset;
    return { preset, rules: [...policy.rules], presetRules: [...PRESETS[preset]] };
  });

  app.post<{ Body: RuleInput }>('/rules', { schema: { body: RuleInputSchema } }, async (req, reply) => {
    const now = Date.now();
    const rule = ruleFromInput(req.body, stamp(newRuleId(), now));
    await policy.save(rule, 'created');
    const body: RuleResponse = { rule };
    return reply.code(201).send(body);
  });

  // A replacement keeps the id and creation time; the rule is the user's from then on.
  app.put<{ Params: RuleParams; Body: RuleInput }>('/rules/:id', { schema: { params: RuleParamsSchema, body: RuleInputSchema } }, async (req): Promise<RuleResponse> => {
    const current = editable(req.params.id);
    const rule = ruleFromInput(req.body, stamp(current.id, current.createdAt));
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
