import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateSecretFile } from '../keys/secret-file.js';

/**
 * The admin token: 32 random bytes, base64url, in `<dataDir>/admin-token` (mode 0600). Created on
 * first start and reused after, so a dashboard or script keeps working across restarts; delete the
 * file to rotate it. It is read from that file only: never from argv or the environment, never logged.
 */
export const ADMIN_TOKEN_FILE = 'admin-token';
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43,512}$/;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export class AdminToken {
  readonly #digest: Buffer;
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    this.#digest = digest(value);
  }

  /** Constant time: both sides are hashed to equal-length digests first, so length leaks nothing either. */
  matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.#digest);
  }

  /** For whoever must hand the token on (Electron's preload, the one-time login URL). Never log it. */
  reveal(): string {
    return this.#value;
  }

  /** Keeps the token out of accidental `JSON.stringify` and `util.inspect` output. */
  toJSON(): string {
    return '[admin token]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'AdminToken [redacted]';
  }
}

/** Reads the token file, creating it first if absent (atomically: concurrent starters agree on one token). */
export async function loadAdminToken(dataDir: string): Promise<AdminToken> {
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  return loadOrCreateSecretFile(path, () => `${randomBytes(TOKEN_BYTES).toString('base64url')}\n`, (text) => {
    const value = text.trim();
    // Refuse rather than silently replace: a script may depend on the token in that file.
    if (!TOKEN_SHAPE.test(value)) throw new Error(`${path} does not hold an admin token (43+ base64url characters); delete it to get a new one`);
    return new AdminToken(value);
  });
}
