import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from '../../config/runtime.js';
import { GatewayError } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Store } from '../../store/types.js';
import { ProviderKeyBodySchema, ProviderParamsSchema, type ProviderKeyBody, type ProviderKeyState, type ProviderParams } from '../contract.js';

/**
 * Managed provider keys are write-only: stored sealed, replaced or removed, never read back. Each
 * change is announced on the bus so the auth step refreshes what it injects upstream.
 */
export async function providerKeyRoutes(app: FastifyInstance, opts: { store: Store; bus: EventBus; runtime: RuntimeConfig }): Promise<void> {
  const { providerKeys } = opts.store;
  // A key is stored per configured provider name; any other name is not a provider.
  const known = (name: string) => {
    if (!Object.hasOwn(opts.runtime.current.providers, name)) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no provider named ${name} is configured`);
  };

  app.put<{ Params: ProviderParams; Body: ProviderKeyBody }>(
    '/providers/:provider/key',
    { schema: { params: ProviderParamsSchema, body: ProviderKeyBodySchema } },
    async (req): Promise<ProviderKeyState> => {
      known(req.params.provider);
      await providerKeys.setProviderKey(req.params.provider, req.body.key);
      const state: ProviderKeyState = { provider: req.params.provider, managedKey: true };
      opts.bus.emit('providerKey.changed', state);
      return state;
    },
  );

  // Idempotent: removing a key that is not there answers the same state and announces nothing.
  app.delete<{ Params: ProviderParams }>('/providers/:provider/key', { schema: { params: ProviderParamsSchema } }, async (req): Promise<ProviderKeyState> => {
    // A provider removed from the config may still have a key stored: removing it stays possible.
    const state: ProviderKeyState = { provider: req.params.provider, managedKey: false };
    if (await providerKeys.clearProviderKey(req.params.provider)) opts.bus.emit('providerKey.changed', state);
    return state;
  });
}
