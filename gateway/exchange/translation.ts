import { GatewayError } from '../errors.js';
import type { ProviderPlan } from './provider-plan.js';

/** The client's request in the provider's shape (wired to gateway/translate once it lands). */
export function translateRequest(plan: ProviderPlan, _doc: Record<string, unknown>): Record<string, unknown> {
  throw new GatewayError('GW_ERR_PROVIDER_UNSUPPORTED', `translation to ${plan.upstreamShape} is not available`);
}
