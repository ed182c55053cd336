import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Confirmations } from '../../confirm/confirmations.js';
import type { PendingView, RememberLifetime } from '../../confirm/types.js';
import { GatewayError } from '../../errors.js';
import type { Store } from '../../store/types.js';
import {
  DecisionBodySchema, PendingParamsSchema,
  type DecisionBody, type PendingItemResponse, type PendingList, type PendingParams, type Remember, type RevealResponse,
} from '../contract.js';
import { pendingView } from '../event-map.js';
import { checkBroadAllow } from '../rule-checks.js';
import { badRequest } from '../validation.js';

export interface ConfirmationRouteOptions {
  confirmations: Confirmations;
  store: Pick<Store, 'pending'>;
}

/** "+1 min" on a held item. */
const EXTEND_MS = 60_000;

/** Who acted, for the record: a bearer token is a script or the desktop shell, a session cookie the dashboard. */
const actor = (req: FastifyRequest): string => (req.headers.authorization === undefined ? 'dashboard' : 'admin');

/** The store's "restart" is the policy's session lifetime; `until` must lie ahead. */
function lifetimeOf(remember: Remember, now: number): RememberLifetime {
  if (remember.lifetime !== 'until') {
    if (remember.until !== undefined) throw badRequest('remember.until', 'only allowed with lifetime "until"');
    return remember.lifetime === 'restart' ? { kind: 'session' } : { kind: remember.lifetime };
  }
  if (remember.until === undefined) throw badRequest('remember.until', 'required with lifetime "until"');
  if (remember.until <= now) throw badRequest('remember.until', 'must be in the future');
  return { kind: 'until', until: remember.until };
}

/**
 * Deciding held confirmations through the manager Electron main also uses. An id the manager no
 * longer holds is told apart by the durable record: 404 when it never existed, 409 when it was
 * already settled (decided, timed out, abandoned, cancelled).
 */
export async function confirmationRoutes(app: FastifyInstance, opts: ConfirmationRouteOptions): Promise<void> {
  const { confirmations, store } = opts;

  const notHeld = async (id: string): Promise<GatewayError> => {
    const record = await store.pending.get(id);
    if (record === undefined) return new GatewayError('GW_ERR_ADMIN_NOT_FOUND', `no held confirmation ${id}`);
    const state = record.status === 'pending' ? 'being settled' : `already ${record.status}`;
    return new GatewayError('GW_ERR_ADMIN_CONFLICT', `${id} is ${state}`);
  };
  const params = { schema: { params: PendingParamsSchema } };

  app.get('/confirmations', async (): Promise<PendingList> => ({ items: confirmations.list().map(pendingView) }));

  app.post<{ Params: PendingParams; Body: DecisionBody }>(
    '/confirmations/:id/decision',
    { schema: { params: PendingParamsSchema, body: DecisionBodySchema } },
    async (req): Promise<PendingItemResponse> => {
      const { id } = req.params;
      const { decision, remember, payloadHash } = req.body;
      const lifetime = remember && lifetimeOf(remember, Date.now());
      // "Send original" for everything from an app is an allow rule over every finding: asked for by name.
      if (remember?.scope === 'everything' && decision === 'approve_original') checkBroadAllow('allow', {}, remember.confirmDisables, 'remember.confirmDisables');
      const current = confirmations.get(id);
      if (current === undefined) throw await notHeld(id);
      if (payloadHash !== undefined && payloadHash !== current.payloadHash) {
        throw new GatewayError('GW_ERR_ADMIN_CONFLICT', `${id} is held for a different payload than the one decided on; reload it`);
      }
      const item = await confirmations.decide(id, decision, {
        by: actor(req),
        payloadHash,
        ...(remember && lifetime && { remember: { scope: remember.scope, lifetime } }),
      });
      if (item === undefined) throw await notHeld(id);
      return { item: pendingView(item) };
    },
  );

  /** A route that moves one held item's clock; the manager answers undefined for items it no longer holds. */
  const clockRoute = (verb: string, op: (id: string, by: string) => Promise<PendingView | undefined>) =>
    app.post<{ Params: PendingParams }>(`/confirmations/:id/${verb}`, params, async (req): Promise<PendingItemResponse> => {
      const item = await op(req.params.id, actor(req));
      if (item === undefined) throw await notHeld(req.params.id);
      return { item: pendingView(item) };
    });
  clockRoute('touch', (id, by) => confirmations.touch(id, by));
  // Looking at an item stops its clock (a lease the dashboard renews); looking away lets it run on.
  clockRoute('freeze', (id, by) => confirmations.freeze(id, by));
  clockRoute('release', (id, by) => confirmations.release(id, by));
  clockRoute('extend', (id, by) => confirmations.extend(id, EXTEND_MS, by));

  // The one way to see a held value in full: recorded by the manager (who, when), never cached.
  app.post<{ Params: PendingParams }>('/confirmations/:id/reveal', params, async (req, reply): Promise<RevealResponse> => {
    const text = await confirmations.reveal(req.params.id, actor(req));
    if (text === undefined) throw await notHeld(req.params.id);
    reply.header('cache-control', 'no-store');
    return { text };
  });
}
