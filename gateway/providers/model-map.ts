import type { ProviderName } from '../shared/shape.js';
import type { GatewayConfig } from '../config/schema.js';

type ModelRoutes = GatewayConfig['routing']['models'];

/** One compiled model-map entry. */
interface CompiledRoute {
  readonly test: (model: string) => boolean;
  readonly provider: ProviderName;
  readonly model: string | undefined;
}

/** A glob of `*` (any run) and `?` (one character); everything else is literal. Anchored, case-sensitive. */
export function globTest(glob: string): (model: string) => boolean {
  if (!/[*?]/.test(glob)) return (model) => model === glob;
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, 's');
  return (model) => re.test(model);
}

/** Compiled once per configuration (a new config is a new frozen array). */
const compiled = new WeakMap<ModelRoutes, readonly CompiledRoute[]>();
function compile(routes: ModelRoutes): readonly CompiledRoute[] {
  let out = compiled.get(routes);
  if (!out) compiled.set(routes, (out = routes.map((r) => ({ test: globTest(r.match), provider: r.provider, model: r.model }))));
  return out;
}

export interface ModelChoice {
  readonly provider: ProviderName;
  /** The model name to send upstream (the request's own when the entry does not rename). */
  readonly model: string;
}

/**
 * The model map's answer for `model`: the first matching entry. On a route that names its provider
 * (`explicit`), only entries for that provider count, and only for their rename: the path's choice
 * of provider stands. Undefined: no entry applies, today's rule holds.
 */
export function chooseModel(routes: ModelRoutes, model: string, current: ProviderName, explicit: boolean): ModelChoice | undefined {
  for (const r of compile(routes)) {
    if (explicit && r.provider !== current) continue;
    if (r.test(model)) return { provider: r.provider, model: r.model ?? model };
  }
  return undefined;
}
