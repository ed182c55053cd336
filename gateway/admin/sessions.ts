import { createHash, randomBytes } from 'node:crypto';

/**
 * The dashboard's logins, in memory only: one-time login tokens (the `#token=` of a login URL,
 * valid once, for 15 minutes) and the sessions they are exchanged for (a cookie, 12 hours). Nothing
 * here survives a restart, on purpose: a restarted gateway prints a fresh login URL. Both maps are
 * keyed by a SHA-256 digest, so a lookup's timing says nothing about a token, and both are bounded
 * (the oldest entry makes room), so minting in a loop cannot grow memory.
 */
export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface DashboardSessionsOptions {
  now?: () => number;
  loginTtlMs?: number;
  sessionTtlMs?: number;
  maxLoginTokens?: number;
  maxSessions?: number;
}

export interface Minted {
  /** The secret itself: a login token or a session id. Never log it. */
  value: string;
  expiresAt: number;
}

const digest = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64url');
const mint = (): string => randomBytes(32).toString('base64url');

/** A map of digest → expiry, oldest first, that forgets expired entries and its oldest when full. */
class ExpiringSet {
  readonly #entries = new Map<string, number>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  add(value: string, expiresAt: number, now: number): void {
    this.#sweep(now);
    while (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(digest(value), expiresAt);
  }

  has(value: string, now: number): boolean {
    const key = digest(value);
    const expiresAt = this.#entries.get(key);
    if (expiresAt === undefined) return false;
    if (now < expiresAt) return true;
    this.#entries.delete(key);
    return false;
  }

  delete(value: string): boolean {
    return this.#entries.delete(digest(value));
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(now: number): void {
    for (const [key, expiresAt] of this.#entries) if (now >= expiresAt) this.#entries.delete(key);
  }
}

export class DashboardSessions {
  readonly #now: () => number;
  readonly #loginTtlMs: number;
  readonly #sessionTtlMs: number;
  readonly #logins: ExpiringSet;
  readonly #sessions: ExpiringSet;

  constructor(opts: DashboardSessionsOptions = {}) {
    this.#now = opts.now ?? Date.now;
    this.#loginTtlMs = opts.loginTtlMs ?? LOGIN_TOKEN_TTL_MS;
    this.#sessionTtlMs = opts.sessionTtlMs ?? SESSION_TTL_MS;
    this.#logins = new ExpiringSet(opts.maxLoginTokens ?? 32);
    this.#sessions = new ExpiringSet(opts.maxSessions ?? 64);
  }

  /** A fresh one-time login token. */
  mintLoginToken(): Minted {
    const now = this.#now();
    const value = mint();
    const expiresAt = now + this.#loginTtlMs;
    this.#logins.add(value, expiresAt, now);
    return { value, expiresAt };
  }

  /** A fresh one-time login URL for the dashboard served at `<base>/ui/`; the token rides in the fragment, which browsers never send. */
  loginUrl(base: string): { url: string; expiresAt: number } {
    const { value, expiresAt } = this.mintLoginToken();
    return { url: `${base.replace(/\/+$/, '')}/ui/#token=${value}`, expiresAt };
  }

  /** True once per minted token, while it is fresh. */
  consumeLoginToken(token: string): boolean {
    const valid = this.#logins.has(token, this.#now());
    if (valid) this.#logins.delete(token);
    return valid;
  }

  open(): Minted {
    const now = this.#now();
    const value = mint();
    const expiresAt = now + this.#sessionTtlMs;
    this.#sessions.add(value, expiresAt, now);
    return { value, expiresAt };
  }

  isOpen(sessionId: string): boolean {
    return this.#sessions.has(sessionId, this.#now());
  }

  close(sessionId: string): boolean {
    return this.#sessions.delete(sessionId);
  }

  get counts(): { loginTokens: number; sessions: number } {
    return { loginTokens: this.#logins.size, sessions: this.#sessions.size };
  }

  toJSON(): string {
    return '[dashboard sessions]';
  }
}
