import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { ConfigError, withUnits } from '../../config/load.js';
import type { RuntimeConfig } from '../../config/runtime.js';
import { GatewayError } from '../../errors.js';
import type { Store } from '../../store/types.js';
import { ConfigPatchSchema, type ConfigPatch, type ConfigUpdateResponse, type ConfigView, type ProviderStates } from '../contract.js';

const invalid = (detail: string) => new GatewayError('GW_ERR_CONFIG_INVALID', detail);

/** The patch is checked against the contract first (unit strings such as `32MB` made integers), so a typo is named before anything is merged. */
function checkPatch(raw: unknown): ConfigPatch {
  let body: unknown;
  try {
    body = withUnits(raw);
  } catch (err) {
    throw invalid((err as Error).message);
  }
  if (Value.Check(ConfigPatchSchema, body)) return body;
  const first = Value.Errors(ConfigPatchSchema, body).First();
  const field = first?.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
  throw invalid(`invalid config field '${field}': ${first?.message ?? 'invalid'}`);
}

/**
 * The live configuration. A PUT is a partial config merged over the admin overlay, validated as a
 * whole, persisted, then applied to the running gateway; fields read only at boot are listed in
 * `restartRequired`. Config errors (schema or cross-field) are 400 GW_ERR_CONFIG_INVALID naming the field.
 */
export async function configRoutes(app: FastifyInstance, opts: { runtime: RuntimeConfig; store: Store }): Promise<void> {
  const { runtime, store } = opts;

  const providerStates = async (): Promise<ProviderStates> => {
    const names = Object.keys(runtime.current.providers);
    const keys = await Promise.all(names.map((p) => store.providerKeys.hasProviderKey(p)));
    return Object.fromEntries(names.map((name, i) => [name, { managedKey: keys[i]! }]));
  };

  app.get('/config', async (): Promise<ConfigView> => ({ config: runtime.current, overlay: runtime.overlay, providers: await providerStates(), overrides: runtime.overrides }));

  // One update at a time: each merges over the overlay the previous one persisted, so none is lost.
  let updates: Promise<unknown> = Promise.resolve();
  const update = (patch: ConfigPatch) => {
    const run = updates.then(() => runtime.update(patch));
    updates = run.catch(() => undefined);
    return run;
  };

  app.put('/config', async (req): Promise<ConfigUpdateResponse> => {
    const patch = checkPatch(req.body);
    // Saving a value a flag overrides would answer 200 and change nothing: refuse it, naming the flag.
    const overridden = runtime.overriddenIn(patch);
    if (overridden.length > 0) {
      const what = overridden.map((o) => `${o.path} is set by ${o.flag} on the command line`).join('; ');
      throw new GatewayError('GW_ERR_CONFIG_OVERRIDDEN', `${what}; restart without the flag to change it here`);
    }
    let result: Awaited<ReturnType<RuntimeConfig['update']>>;
    try {
      result = await update(patch);
    } catch (err) {
      if (err instanceof ConfigError) throw invalid(err.message);
      throw err;
    }
    return { config: result.config, overlay: runtime.overlay, providers: await providerStates(), overrides: runtime.overrides, restartRequired: result.restartRequired };
  });
}
