import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { ClientKeyRecord, Store } from '../../store/types.js';
import {
  ClientKeyParamsSchema, CreateClientKeyBodySchema, UpdateClientKeyBodySchema,
  type ClientKey, type ClientKeyList, type CreateClientKeyBody, type CreatedClientKey, type UpdateClientKeyBody,
} from '../contract.js';

/** Only the contract's fields, so nothing the store adds later (a hash) can leak through. */
const view = (r: ClientKeyRecord): ClientKey => {
  const key: ClientKey = { id: r.id, name: r.name, app: r.app, createdAt: r.createdAt };
  if (r.lastUsedAt !== undefined) key.lastUsedAt = r.lastUsedAt;
  if (r.revokedAt !== undefined) key.revokedAt = r.revokedAt;
  if (r.preset !== undefined) key.preset = r.preset;
  return key;
};

/** Gateway client keys (`agk_…`): listed without secrets, shown once on creation, given a preset, revoked by id. */
export async function keyRoutes(app: FastifyInstance, opts: { store: Store; bus: EventBus }): Promise<void> {
  const { clientKeys } = opts.store;

  app.get('/keys', async (): Promise<ClientKeyList> => ({ keys: (await clientKeys.list()).map(view) }));

  app.post<{ Body: CreateClientKeyBody }>('/keys', { schema: { body: CreateClientKeyBodySchema } }, async (req, reply) => {
    const { id, key, record } = await clientKeys.create(req.body);
    const created: CreatedClientKey = { id, key, record: view(record) };
    return reply.code(201).send(created);
  });

  // A key's own preset (per-client profile): applies from its next request on every instance.
  app.patch<{ Params: { id: string }; Body: UpdateClientKeyBody }>('/keys/:id', { schema: { params: ClientKeyParamsSchema, body: UpdateClientKeyBodySchema } }, async (req) => {
    const { id } = req.params;
    if (!(await clientKeys.setPreset(id, req.body.preset ?? undefined))) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no live client key ${id}`);
    opts.bus.emit('clientKey.changed', { id });
    const record = (await clientKeys.list()).find((r) => r.id === id);
    if (record === undefined) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no live client key ${id}`);
    return view(record);
  });

  app.delete<{ Params: { id: string } }>('/keys/:id', { schema: { params: ClientKeyParamsSchema } }, async (req, reply) => {
    if (!(await clientKeys.revoke(req.params.id))) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no live client key ${req.params.id}`);
    opts.bus.emit('clientKey.revoked', { id: req.params.id });
    return reply.code(204).send();
  });
}
