import type { IncomingHttpHeaders } from 'node:http';
import { maskFlagged, UNSCANNED, type Span } from '../audit/mask.js';

/** Names the app explicitly, for clients without a gateway key; a client key's app still wins. */
export const APP_HEADER = 'x-aegis-app';

/** A name the audit, rules and limits can key on: a product token's characters, at most 64. */
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/** Whether a request without a client key can carry this app name (rules check theirs against it). */
export const isAppName = (name: string): boolean => APP_NAME.test(name);

/**
 * Known programs by a product name anywhere in the User-Agent, so each is one app however it calls:
 * every version and language of an SDK family, the Vercel AI SDK's `ai/…` (generateText) and
 * `ai-sdk/…` (streamText), Claude Code's `claude-cli/…`, Codex's `codex_exec/…` and `codex_cli_rs/…`.
 */
const PROGRAMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^claude-(cli|code)$/i, 'claude-code'],
  [/^codex([_-][a-z_-]+)?$/i, 'codex'],
  [/^cursor$/i, 'cursor'],
  [/^(ai|ai-sdk)$/i, 'vercel-ai-sdk'],
  [/^(async)?openai$/i, 'openai-sdk'],
  [/^(async)?anthropic$/i, 'anthropic-sdk'],
];

/** Longest User-Agent read for the app name, and kept for the audit. */
export const USER_AGENT_MAX = 512;

/** The product names of a User-Agent (`name/version` tokens, RFC 9110 §10.1.5), comments skipped. */
export function productNames(userAgent: string): string[] {
  const names: string[] = [];
  for (const token of userAgent.slice(0, USER_AGENT_MAX).replace(/\([^()]*\)/g, ' ').split(/\s+/)) {
    const name = token.split('/', 1)[0]!;
    if (APP_NAME.test(name)) names.push(name);
  }
  return names;
}

/**
 * The app a request comes from when no client key names it: the `x-aegis-app` header when it is a
 * valid name, else the first known program among the User-Agent's products, else its first product
 * token, else `unknown`.
 */
export function appOf(userAgent: string | undefined, explicit: string | undefined): string {
  if (explicit !== undefined && APP_NAME.test(explicit)) return explicit;
  const names = userAgent ? productNames(userAgent) : [];
  for (const name of names) for (const [pattern, app] of PROGRAMS) if (pattern.test(name)) return app;
  return names[0] ?? 'unknown';
}

export type { Span } from '../audit/mask.js';

export interface ClientIdentity {
  app: string;
  /** The User-Agent as sent, capped, control characters dropped and detector findings masked. */
  userAgent: string | undefined;
}

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const CACHE_MAX = 1024;

/**
 * Identifies the client of each request. Headers are the client's free text, and both the app name
 * and the User-Agent end up in the audit trail, so both pass the detectors first: a flagged name falls
 * back to `unknown`, flagged parts of the User-Agent are masked as `[KIND]`. Clients send the same few
 * headers over and over, so results are cached and the hot path does a map lookup.
 */
export class ClientIdentifier {
  readonly #scan: (text: string) => readonly Span[];
  readonly #cache = new Map<string, ClientIdentity>();

  constructor(scan: (text: string) => readonly Span[]) {
    this.#scan = scan;
  }

  /** After a scan configuration change, names and User-Agents are checked again. */
  forget(): void {
    this.#cache.clear();
  }

  identify(headers: IncomingHttpHeaders): ClientIdentity {
    const ua = single(headers['user-agent']);
    const explicit = single(headers[APP_HEADER]);
    const key = `${ua ?? ''}\u0000${explicit ?? ''}`;
    let found = this.#cache.get(key);
    if (found === undefined) {
      found = { app: this.#safeApp(appOf(ua, explicit)), userAgent: ua === undefined ? undefined : this.#masked(ua) };
      // Forgetting everything at the cap is crude but bounded, and the working set refills at once.
      if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
      this.#cache.set(key, found);
    }
    return found;
  }

  #safeApp(app: string): string {
    try {
      return this.#scan(app).length === 0 ? app : 'unknown';
    } catch {
      return 'unknown';
    }
  }

  #masked(ua: string): string | undefined {
    // eslint-disable-next-line no-control-regex
    const masked = maskFlagged(this.#scan, ua.slice(0, USER_AGENT_MAX).replace(/[\u0000-\u001f\u007f]/g, ''));
    // Unscannable: better no User-Agent in the audit than one nobody checked.
    return masked === UNSCANNED ? undefined : masked;
  }
}
