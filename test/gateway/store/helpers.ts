import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { newEventId } from '../../../gateway/audit/id.js';
import { deriveKeys } from '../../../gateway/keys/subkeys.js';
import { openSqliteStore, type SqliteStoreOptions } from '../../../gateway/store/sqlite/open.js';
import type { Store } from '../../../gateway/store/types.js';

export const testKeys = deriveKeys(Buffer.alloc(32, 7));

export async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a store whose close is registered with the test, so a failing test still releases the file. */
export async function openTestStore(
  t: { after: (fn: () => Promise<void>) => void },
  dataDir: string,
  options: Partial<SqliteStoreOptions> = {},
): Promise<Store> {
  const store = await openSqliteStore({ dataDir, keys: testKeys, ...options });
  t.after(() => store.close());
  return store;
}

export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  const time = overrides.time ?? Date.now();
  return {
    id: newEventId(time),
    time,
    client: { app: 'claude-code', keyId: 'ck_test' },
    provider: 'anthropic',
    route: '/v1/messages',
    model: 'claude-sonnet-4',
    stream: true,
    status: 200,
    durations: { totalMs: 812, upstreamMs: 800, overheadMs: 12 },
    bytes: { in: 2048, out: 4096 },
    usage: { inputTokens: 512, outputTokens: 128 },
    findings: { email: 2, 'aws-access-key': 1 },
    decision: 'redacted',
    ...overrides,
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}
