import type { ServerResponse } from 'node:http';
import type { EventBus, GatewayEvents } from '../events.js';
import { hasKeys } from '../audit/recorder.js';
import type { AuditEvent, AuditExplain } from '../shared/audit-event.js';
import { EventLog } from './event-log.js';
import { STREAM_MAP, type MapContext, type StreamMap } from './event-map.js';
import { SseConnection } from './sse-connection.js';

export interface EventHubOptions {
  /** Events held for Last-Event-ID resumes, at most this many and this many bytes. */
  ringSize: number;
  ringBytes: number;
  heartbeatMs: number;
  maxBacklogBytes: number;
  /** The client's reconnection delay hint (`retry:`). */
  retryMs: number;
}

// The ring's byte budget stays below the backlog cap, so a full replay never gets a client dropped.
export const DEFAULT_HUB_OPTIONS: EventHubOptions = { ringSize: 2000, ringBytes: 2 * 1024 * 1024, heartbeatMs: 15_000, maxBacklogBytes: 4 * 1024 * 1024, retryMs: 2000 };

/**
 * The payload to keep for a later frame, or undefined when it must be framed now. An audit event is
 * built fresh per exchange except `explain` and `findings`, the exchange's own records: a hold
 * settled by the client's disconnect still writes `explain.decidedBy` after the event went out, and
 * the output guard counts into `findings`. So those two are copied as they are at emit (a few keys,
 * far cheaper than the JSON.stringify a frame costs), and a later frame shows the event as it went
 * out. The rare other events (config, keys, pending) are framed at once.
 */
function deferrable(type: string, data: unknown): unknown {
  if (type !== 'audit') return undefined;
  const event = data as AuditEvent;
  if (event.explain === undefined && !hasKeys(event.findings)) return event;
  const kept: AuditEvent = { ...event, findings: { ...event.findings } };
  if (event.explain !== undefined) kept.explain = copyExplain(event.explain);
  return kept;
}

function copyExplain(explain: AuditExplain): AuditExplain {
  const copy = { ...explain };
  if (explain.detectors !== undefined) copy.detectors = { ...explain.detectors };
  if (explain.placeholders !== undefined) copy.placeholders = explain.placeholders.slice();
  return copy;
}

/**
 * Fans bus events out to every connected admin stream. Each event is numbered and serialised at most once;
 * it is written synchronously from the bus listener, and a new client's replay is written before it
 * joins, so every client sees ids strictly increasing with nothing skipped or repeated.
 */
export class EventHub {
  readonly #log: EventLog;
  readonly #clients = new Set<SseConnection>();
  readonly #opts: EventHubOptions;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(bus: EventBus, ctx: MapContext, opts: EventHubOptions = DEFAULT_HUB_OPTIONS, map: StreamMap = STREAM_MAP) {
    this.#opts = opts;
    this.#log = new EventLog(opts.ringSize, undefined, Math.min(opts.ringBytes, opts.maxBacklogBytes / 2));
    for (const name of Object.keys(map) as (keyof GatewayEvents)[]) {
      const mapping = map[name]!;
      this.#unsubscribe.push(
        bus.on(name, (payload: GatewayEvents[typeof name]) => {
          const data = (mapping.data as (p: typeof payload, c: MapContext) => unknown)(payload, ctx);
          // With nobody connected (the usual case under load) the frame is built only if a resume asks;
          // a live-only event (a metrics tick) is then only numbered.
          if (this.#clients.size === 0) {
            const kept = mapping.retain ? deferrable(mapping.type, data) : data;
            if (kept !== undefined) {
              this.#log.record(mapping.type, kept, mapping.retain);
              return;
            }
          }
          this.#broadcast(this.#log.append(mapping.type, data, mapping.retain).frame);
        }),
      );
    }
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** Starts a stream on a hijacked response, first replaying what a resuming client missed. */
  attach(res: ServerResponse, lastEventId: number | undefined): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Tells buffering reverse proxies (nginx) to pass each event on at once.
      'x-accel-buffering': 'no',
    });
    const client = new SseConnection(res, {
      heartbeatMs: this.#opts.heartbeatMs,
      maxBacklogBytes: this.#opts.maxBacklogBytes,
      onClose: () => this.#clients.delete(client),
    });
    if (!client.send(`retry: ${this.#opts.retryMs}\n\n`)) return;
    if (lastEventId !== undefined) {
      const replay = this.#log.since(lastEventId);
      if (replay.kind === 'reset') {
        // The reset carries the current id: after reloading, the client is caught up to here.
        const data = JSON.stringify({ reason: replay.reason, lastEventId });
        if (!client.send(`id: ${this.#log.lastId}\nevent: reset\ndata: ${data}\n\n`)) return;
      } else {
        for (const e of replay.events) if (!client.send(e.frame)) return;
      }
    }
    this.#clients.add(client);
  }

  #broadcast(frame: string): void {
    for (const client of this.#clients) client.send(frame);
  }

  /** Stops listening and ends every stream (the gateway is closing). */
  close(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    for (const client of [...this.#clients]) client.end();
  }
}
