import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `<dataDir>/gateway.json`: where the gateway using this data dir listens, so `aegisgate login` finds
 * it without a `--url`. The fingerprint names the admin token it runs with (admin/login-proof.ts),
 * so a stale file left by a gateway with another token is noticed; the login challenge still
 * verifies whoever answers at that address.
 */
export const GATEWAY_STATE_FILE = 'gateway.json';

export interface GatewayState {
  url: string;
  pid: number;
  fingerprint: string;
}

export function writeGatewayState(dataDir: string, state: GatewayState): void {
  writeFileSync(join(dataDir, GATEWAY_STATE_FILE), `${JSON.stringify(state)}\n`, { mode: 0o600 });
}

export function readGatewayState(dataDir: string): GatewayState | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, GATEWAY_STATE_FILE), 'utf8')) as Partial<GatewayState>;
    if (typeof parsed.url !== 'string' || typeof parsed.pid !== 'number' || typeof parsed.fingerprint !== 'string') return undefined;
    return parsed as GatewayState;
  } catch {
    return undefined;
  }
}

/** Removes the file if it is still this process's (another gateway may have started since). */
export function removeGatewayState(dataDir: string, pid: number): void {
  if (readGatewayState(dataDir)?.pid === pid) rmSync(join(dataDir, GATEWAY_STATE_FILE), { force: true });
}
