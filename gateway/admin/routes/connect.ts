import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../errors.js';
import type { EventBus } from '../../events.js';
import { ConnectChecks } from '../connect-checks.js';
import { ConnectCheckBodySchema, ConnectCheckParamsSchema, type ConnectCheckBody, type ConnectCheckResponse } from '../contract.js';

/** `POST /admin/connect/checks` starts a "test this setup" check; `GET …/:id` reports what arrived. */
export async function connectRoutes(app: FastifyInstance, opts: { bus: EventBus }): Promise<void> {
  const checks = new ConnectChecks();
  const off = opts.bus.on('audit', (event) => checks.observe(event));
  app.addHook('onClose', async () => off());

  app.post<{ Body: ConnectCheckBody }>('/connect/checks', { schema: { body: ConnectCheckBodySchema } }, async (req, reply) => {
    if (req.body.app === undefined && req.body.keyId === undefined) throw new GatewayError('GW_ERR_ADMIN_BAD_REQUEST', 'name the app or the client key to wait for');
    const response: ConnectCheckResponse = { check: checks.start(req.body) };
    return reply.code(201).send(response);
  });

  app.get<{ Params: { id: string } }>('/connect/checks/:id', { schema: { params: ConnectCheckParamsSchema } }, async (req): Promise<ConnectCheckResponse> => {
    const check = checks.get(req.params.id);
    if (!check) throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no check ${req.params.id} (checks last 10 minutes)`);
    return { check };
  });
}
