import { randomBytes } from 'node:crypto';
import type { AuditEvent } from '../shared/audit-event.js';
import type { ConnectCheck, ConnectCheckBody, SeenRequest } from './contract.js';

/** How long a check waits for its tool; the page starts a new one after that. */
const CHECK_TTL_MS = 10 * 60_000;
/** Checks kept at once: a page polls one at a time, so this is generous. */
const MAX_CHECKS = 64;
const MAX_OTHERS = 5;

const seenOf = (e: AuditEvent): SeenRequest => {
  const seen: SeenRequest = { time: e.time, app: e.client.app, provider: e.provider, route: e.route, status: e.status, decision: e.decision };
  if (e.client.keyId !== undefined) seen.keyId = e.client.keyId;
  if (e.errorCode !== undefined) seen.errorCode = e.errorCode;
  if (e.userAgent !== undefined) seen.userAgent = e.userAgent;
  return seen;
};

/**
 * "Test this setup" on the Connect page: the user starts a check for a tool (by app name or client
 * key), runs the tool, and the page shows the first request the gateway saw from it, with its route
 * and status — or, meanwhile, requests that arrived under another app name. Fed by audit events, so
 * refused requests (a wrong key, a foreign Host) count as seen too: the traffic did arrive.
 */
export class ConnectChecks {
  readonly #checks = new Map<string, ConnectCheck>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  start(target: ConnectCheckBody): ConnectCheck {
    const now = this.#now();
    this.#prune(now);
    if (this.#checks.size >= MAX_CHECKS) this.#checks.delete(this.#checks.keys().next().value!);
    const check: ConnectCheck = { id: `chk_${randomBytes(9).toString('base64url')}`, since: now, expiresAt: now + CHECK_TTL_MS, others: [] };
    if (target.keyId !== undefined) check.keyId = target.keyId;
    else if (target.app !== undefined) check.app = target.app;
    this.#checks.set(check.id, check);
    return check;
  }

  get(id: string): ConnectCheck | undefined {
    this.#prune(this.#now());
    return this.#checks.get(id);
  }

  observe(event: AuditEvent): void {
    for (const check of this.#checks.values()) {
      if (check.seen !== undefined || event.time < check.since) continue;
      const match = check.keyId !== undefined ? event.client.keyId === check.keyId : event.client.app === check.app;
      if (match) check.seen = seenOf(event);
      else check.others = [seenOf(event), ...check.others.filter((o) => o.app !== event.client.app)].slice(0, MAX_OTHERS);
    }
  }

  #prune(now: number): void {
    for (const [id, check] of this.#checks) if (check.expiresAt <= now) this.#checks.delete(id);
  }
}
