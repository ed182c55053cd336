// The end-to-end rig for policy, guards and held confirmations: the real fake provider behind a real
// in-process gateway, the official SDKs pointed at it, the admin API with the token read from the
// data dir as a user would, and the in-process bus to learn pending ids and audit events as they
// happen (no polling sleeps).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { Remember } from '../../../gateway/admin/contract.js';
import type { PendingView } from '../../../gateway/confirm/types.js';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import type { DeepPartial } from '../../../gateway/config/load.js';
import type { GatewayConfig } from '../../../gateway/config/schema.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../../helpers/gateway.js';
import { send, type HttpResult, type SendOptions } from '../../helpers/http.js';
import { nextEvent } from './events.js';
import { settle, type Settled } from './outcome.js';

export type Decision = 'approve_redacted' | 'approve_original' | 'deny';

export interface ConfirmRig {
  fake: FakeProvider;
  gw: TestGateway;
  openai: OpenAI;
  anthropic: Anthropic;
  /** The admin token, as a user reads it from the data dir. */
  token: string;
  /** An admin API request with the bearer token from `<dataDir>/admin-token`. */
  admin(path: string, opts?: SendOptions): Promise<HttpResult>;
  /** `POST /admin/confirmations/:id/decision`; throws unless it answered 200. */
  decide(id: string, decision: Decision, remember?: Remember): Promise<PendingView>;
  /** Resolves with the next item held from now on (`pending.added` on the bus). */
  nextPending(): Promise<PendingView>;
  /**
   * Starts a call that must be held: resolves once it is, with the item and the call's eventual
   * outcome. Throws if the call finishes without being held.
   */
  held<T>(start: () => Promise<T>): Promise<{ item: PendingView; result: Promise<Settled<T>> }>;
  /**
   * Runs a call that must not be held and returns its outcome. Should it be held after all, it is
   * denied at once (so the test fails fast instead of waiting for the timeout) and this throws.
   */
  notHeld<T>(start: () => Promise<T>): Promise<Settled<T>>;
  /** Every audit event announced since the rig started, in order. */
  audits: AuditEvent[];
  /** Resolves with the first audit event (past or future) that matches. */
  audit(match: (e: AuditEvent) => boolean, what: string): Promise<AuditEvent>;
  /** The one audit event of the exchange held as `pendingId` (asserts there is exactly one). */
  auditOf(pendingId: string): Promise<AuditEvent>;
  close(): Promise<void>;
}

/** A confirmation timeout short enough for tests that wait for it (the schema's minimum). */
export const SHORT_TIMEOUT_SEC = 5;

export async function startConfirmRig(config: DeepPartial<GatewayConfig> = {}, opts: Pick<TestGatewayOptions, 'logger'> = {}): Promise<ConfirmRig> {
  const fake = await startFakeProvider();
  const gw = await startTestGateway(fake.url, config, opts);
  const token = readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
  const bus = gw.app.bus;
  const audits: AuditEvent[] = [];
  const offAudit = bus.on('audit', (e) => audits.push(e));
  const audit = (match: (e: AuditEvent) => boolean, what: string): Promise<AuditEvent> => {
    const seen = audits.find(match);
    return seen ? Promise.resolve(seen) : nextEvent(bus, 'audit', match, what);
  };
  const nextPending = () => nextEvent(bus, 'pending.added').then((e) => e.pending);
  const admin = (path: string, opts: SendOptions = {}) => send(gw.url, path, { ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });
  return {
    fake,
    gw,
    openai: new OpenAI({ apiKey: 'sk-test', baseURL: `${gw.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: 'sk-ant-test', baseURL: gw.url, maxRetries: 0 }),
    token,
    admin,
    async decide(id, decision, remember) {
      const res = await admin(`/admin/confirmations/${id}/decision`, { method: 'POST', body: { decision, ...(remember && { remember }) } });
      if (res.status !== 200) throw new Error(`decision on ${id} answered ${res.status}: ${res.text}`);
      return (res.json as { item: PendingView }).item;
    },
    async held(start) {
      const added = nextPending();
      const result = settle(start());
      const first = await Promise.race([added.then((item) => ({ item })), result.then((r) => ({ r }))]);
      if ('r' in first) {
        added.catch(() => undefined);
        throw new Error(`the call was not held; it ended ${first.r.ok ? 'successfully' : `with ${first.r.error.status} ${first.r.error.code}`}`);
      }
      return { item: first.item, result };
    },
    async notHeld(start) {
      const heldIds: string[] = [];
      const off = bus.on('pending.added', ({ pending }) => {
        heldIds.push(pending.id);
        // After the emit the manager arms the item in the same tick; only then can it be decided.
        queueMicrotask(() => void gw.app.confirmations.decide(pending.id, 'deny', { by: 'test' }));
      });
      try {
        const result = await settle(start());
        assert.deepEqual(heldIds, [], 'the call was held for confirmation');
        return result;
      } finally {
        off();
      }
    },
    nextPending,
    audits,
    audit,
    async auditOf(pendingId) {
      const event = await audit((e) => e.pendingId === pendingId, `the audit event of ${pendingId}`);
      assert.equal(audits.filter((e) => e.pendingId === pendingId).length, 1, `one audit event for ${pendingId}`);
      return event;
    },
    async close() {
      offAudit();
      // A test that failed mid-hold must not leave the drain waiting for its items' timeout.
      await gw.app.confirmations.cancelAll('test-end');
      await gw.close();
      await fake.close();
    },
  };
}
