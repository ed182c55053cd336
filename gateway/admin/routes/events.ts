import type { FastifyInstance } from 'fastify';
import { EventsQuerySchema, type EventsQuery } from '../contract.js';
import type { EventHub } from '../event-hub.js';
import { badRequest } from '../validation.js';

const EVENT_ID = /^\d{1,16}$/;

/**
 * The one live stream: `Last-Event-ID` (or `?lastEventId=` for EventSource polyfills that cannot
 * set headers) resumes after that id. The response is hijacked: the hub owns it until it closes.
 */
export async function eventsRoute(app: FastifyInstance, opts: { hub: EventHub }): Promise<void> {
  app.get<{ Querystring: EventsQuery }>('/events', { schema: { querystring: EventsQuerySchema } }, (req, reply) => {
    const header = req.headers['last-event-id'];
    const given = typeof header === 'string' && header !== '' ? header : req.query.lastEventId;
    if (given !== undefined && !EVENT_ID.test(given)) throw badRequest('Last-Event-ID', 'expected an event id from this stream');
    reply.hijack();
    // The 1 Hz metrics tick sleeps while nobody watches; this stream watches until it closes.
    reply.raw.once('close', app.metrics.watch());
    opts.hub.attach(reply.raw, given === undefined ? undefined : Number(given));
  });
}
