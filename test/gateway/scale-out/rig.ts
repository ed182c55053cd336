// Two (or more) gateways sharing one real PostgreSQL database and one master key file, each with
// its own data dir, in front of one fake provider. Servers are started once per test file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeepPartial } from '../../../gateway/config/load.js';
import type { GatewayConfig } from '../../../gateway/config/schema.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/** A fresh shared master key file, mode 0600, as `openssl rand -base64 32` writes it. */
export function sharedKeyFile(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-key-'));
  const path = join(dir, 'aegis.key');
  writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const PERMISSIVE = {
  scan: { denyTerms: [{ pattern: 'Project Bluebird', kind: 'CODENAME' }] },
  policy: { preset: 'permissive' as const },
};

export async function startInstances(
  n: number,
  upstream: string,
  shared: { storeUrl: string; keyFile: string; redisUrl?: string },
  config: DeepPartial<GatewayConfig> = {},
): Promise<TestGateway[]> {
  const one = () => startTestGateway(upstream, {
    ...config,
    store: { url: shared.storeUrl, masterKeyFile: shared.keyFile, leaseSec: 2 },
    ...(shared.redisUrl ? { redis: { url: shared.redisUrl } } : {}),
  });
  // One after the other would hide a migration race; start them together.
  return Promise.all(Array.from({ length: n }, one));
}

/** The admin API of one instance, with the shared admin token. */
export async function admin(gw: TestGateway, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const token = readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
  const res = await fetch(`${gw.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
