import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Confirmations, type ConfirmLog, type Schedule } from '../../../gateway/confirm/confirmations.js';
import { CONFIRM_DEFAULTS, type ConfirmSettings, type HoldRequest } from '../../../gateway/confirm/types.js';
import { EventBus, type GatewayEvents } from '../../../gateway/events.js';
import { loadKeys } from '../../../gateway/keys/master-key.js';
import type { PolicyFinding } from '../../../gateway/policy/finding.js';
import { rememberRule, type ConfirmDecision, type RememberLifetime, type RememberScope } from '../../../gateway/policy/remember.js';
import { openSqliteStore } from '../../../gateway/store/sqlite/open.js';
import type { Store } from '../../../gateway/store/types.js';

type After = { after: (fn: () => Promise<void> | void) => void };

export const START = 1_700_000_000_000;
export const SECRET = 'AKIAQ7XK2M9VB4ZR8TWD';

/** A clock and timers the test moves by hand: `advance` fires whatever fell due, in order. */
export class ManualTimers {
  #now: number;
  #seq = 0;
  readonly #timers = new Map<number, { due: number; fn: () => void }>();

  constructor(start = START) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly schedule: Schedule = (fn, ms) => {
    const id = ++this.#seq;
    this.#timers.set(id, { due: this.#now + ms, fn });
    return () => void this.#timers.delete(id);
  };

  get armed(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: [number, { due: number; fn: () => void }] | undefined;
      for (const entry of this.#timers) if (entry[1].due <= target && (!next || entry[1].due < next[1].due)) next = entry;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].due);
      next[1].fn();
    }
    this.#now = target;
  }
}

/** Every bus event in arrival order, and a log that keeps each line for leak checks. */
export interface Recorder {
  events: Array<{ name: keyof GatewayEvents; payload: unknown }>;
  logLines: string[];
  log: ConfirmLog;
  named(name: keyof GatewayEvents): unknown[];
}

const EVENTS = ['pending.added', 'pending.decided', 'pending.expired', 'pending.abandoned', 'pending.cancelled', 'pending.touched', 'pending.revealed', 'pending.retried'] as const;

function record(bus: EventBus): Recorder {
  const events: Recorder['events'] = [];
  for (const name of EVENTS) bus.on(name, (payload) => events.push({ name, payload }));
  const logLines: string[] = [];
  const line = (obj: object, msg: string) => void logLines.push(`${msg} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v))}`);
  return { events, logLines, log: { info: line, warn: line, error: line }, named: (n) => events.filter((e) => e.name === n).map((e) => e.payload) };
}

export interface Setup {
  store: Store;
  bus: EventBus;
  timers: ManualTimers;
  confirmations: Confirmations;
  rec: Recorder;
  settings: ConfirmSettings;
}

async function openTemp(now: () => number): Promise<{ store: Store; close: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aegis-confirm-'));
  const keys = await loadKeys({ dataDir });
  const store = await openSqliteStore({ dataDir, keys, now });
  return { store, close: async () => { await store.close(); await rm(dataDir, { recursive: true, force: true }); } };
}

/** A manager over a real SQLite store in a temp dir, a real bus and hand-driven timers. */
export async function setup(t: After, settings: Partial<ConfirmSettings> = {}, store?: Pick<Store, 'pending'>): Promise<Setup> {
  const timers = new ManualTimers();
  const { store: real, close } = await openTemp(timers.now);
  const bus = new EventBus();
  const rec = record(bus);
  // Most tests hold the same request many times over and mean separate items: retries are their own tests.
  const current: ConfirmSettings = { ...CONFIRM_DEFAULTS, retryWindowMs: 0, ...settings };
  let n = 0;
  const confirmations = new Confirmations({
    store: store ?? real, bus, settings: () => current, now: timers.now, schedule: timers.schedule, log: rec.log,
    newId: () => `pnd_test_${++n}`,
  });
  // Settle what the test left held before the store it writes to closes.
  t.after(async () => {
    await confirmations.cancelAll('test-end');
    await close();
  });
  return { store: real, bus, timers, confirmations, rec, settings: current };
}

export const payloadHash = (text: string): string => createHmac('sha256', 'test-key').update(text).digest('base64url');

export interface RememberCall {
  decision: ConfirmDecision;
  scope: RememberScope;
  lifetime: RememberLifetime;
}

/**
 * A hold request the way the conductor builds one for a prompt with an AWS key in it. Its `remember`
 * does what the caller's does: turn the decision into a policy rule and persist it in the store.
 */
export function holdRequest(store: Store, now: () => number, over: Partial<HoldRequest> = {}): { req: HoldRequest; calls: RememberCall[] } {
  const text = `deploy with ${SECRET} please`;
  const calls: RememberCall[] = [];
  const finding: PolicyFinding = {
    detector: 'aws-access-key', category: 'secret', kind: 'AWS_KEY', start: 12, end: 32, field: { role: 'user', fieldKind: 'message', untrusted: false },
  };
  const req: HoldRequest = {
    stage: 'request',
    trigger: { category: 'secret', detector: 'aws-access-key', ruleId: 'preset:balanced:cloud-credentials' },
    findings: [{ category: 'secret', detector: 'aws-access-key', kind: 'AWS_KEY', field: 'messages[0].content' }],
    preview: 'deploy with AKIA…TWD please',
    reveal: () => text,
    client: { app: 'claude-code', keyId: 'ck_test' },
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    route: '/v1/messages',
    payloadHash: payloadHash(text),
    remember: async (decision, scope, lifetime) => {
      calls.push({ decision, scope, lifetime });
      const rule = rememberRule(decision, scope, lifetime, finding, { app: 'claude-code', provider: 'anthropic', route: '/v1/messages' }, now(), {
        sessionId: 'run-1', valueHash: payloadHash(SECRET),
      });
      await store.rules.upsert({ id: rule.id, createdAt: rule.createdAt, rule, ...(rule.lifetime.kind === 'until' && { expiresAt: rule.lifetime.until }) });
      return [rule.id];
    },
    ...over,
  };
  return { req, calls };
}

/** Resolves on the next macrotask, after the store's group commit has had a turn. */
export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Waits (bounded) until `cond` holds; the store commits asynchronously. */
export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}
