import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, readConfigFile, resolveConfig } from './config/load.js';
import { defaultDataDir } from './config/paths.js';
import { urlFor } from './server.js';
import type { LoginLink, SealedLoginLink } from './admin/contract.js';
import { loginMac, newLoginNonce, openLoginLink } from './admin/login-proof.js';
import { readGatewayState } from './admin/state-file.js';
import { ADMIN_TOKEN_FILE } from './auth/admin-token.js';

export const LOGIN_HELP = 'aegisgate login [--data-dir DIR] [--url URL | --config FILE]';

/** Why no login link could be had: said on stderr, exit code 1. */
export class LoginLinkError extends Error {}

/**
 * Asks the gateway at `base` for a fresh one-time dashboard login URL. It proves it holds the admin
 * token from `dataDir` without sending it (HMAC of a fresh nonce), and accepts only an answer that
 * proves the gateway holds it too, with the link sealed under it (admin/login-proof.ts): whatever
 * else listens at `base` learns nothing. A missing token means no gateway has used that data dir.
 */
export async function requestLoginLink(base: URL, dataDir: string): Promise<LoginLink> {
  let token: string;
  try {
    token = (await readFile(join(dataDir, ADMIN_TOKEN_FILE), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new LoginLinkError(`no admin token in ${dataDir}; start the gateway with this --data-dir first`);
  }
  const nonce = newLoginNonce();
  const body = JSON.stringify({ nonce, mac: loginMac(token, 'request', nonce).toString('hex') });
  let res: Response;
  try {
    res = await fetch(new URL('/admin/login-links/sealed', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    const { cause } = err as Error;
    throw new LoginLinkError(`no gateway answered at ${base.origin} (${cause instanceof Error ? cause.message : (err as Error).message})`);
  }
  if (res.status === 401) throw new LoginLinkError(`the gateway at ${base.origin} does not accept the admin token from ${dataDir}; is it using another --data-dir?`);
  const unproven = `whatever answers at ${base.origin} could not prove it holds the admin token from ${dataDir}; not an AegisGate gateway of this data dir`;
  if (!res.ok) throw new LoginLinkError(`${unproven} (it answered ${res.status})`);
  let sealed: SealedLoginLink;
  try {
    sealed = (await res.json()) as SealedLoginLink;
  } catch {
    throw new LoginLinkError(unproven);
  }
  const link = typeof sealed === 'object' && sealed !== null ? openLoginLink(token, nonce, sealed) : undefined;
  if (link === undefined) throw new LoginLinkError(unproven);
  return link;
}

/** `--url`; else the configured host and port; else where the data dir's gateway says it listens; else the default. */
function baseUrl(url: string | undefined, configFile: string | undefined, dataDir: string): URL {
  if (url === undefined) {
    const state = configFile === undefined ? readGatewayState(dataDir) : undefined;
    if (state !== undefined) return new URL(state.url);
    const { host, port } = resolveConfig(configFile === undefined ? {} : readConfigFile(configFile), {});
    return new URL(urlFor(host, port));
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'http:') throw new ConfigError(`--url expects an http URL such as http://127.0.0.1:18080 (got ${JSON.stringify(url)})`);
  return parsed;
}

/** `aegisgate login`: prints a fresh one-time dashboard login URL from the running gateway on stdout. */
export async function loginCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, url: { type: 'string' }, config: { type: 'string' } },
    strict: true,
  });
  if (values.url !== undefined && values.config !== undefined) throw new ConfigError(`--url and --config are alternatives; usage: ${LOGIN_HELP}`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const base = baseUrl(values.url, values.config, dataDir);
  let link: LoginLink;
  try {
    link = await requestLoginLink(base, dataDir);
  } catch (err) {
    if (!(err instanceof LoginLinkError)) throw err;
    process.stderr.write(`aegisgate: ${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${link.url}\n`);
  process.stderr.write(`Open it in a browser: it signs in once, within ${Math.round((link.expiresAt - Date.now()) / 60_000)} minutes.\n`);
}
