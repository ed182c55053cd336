import { createHash } from 'node:crypto';
import { randomBase62 } from '../keys/random.js';
import { PRESET_NAMES, type PresetName } from '../shared/presets.js';
import type { ClientKeyRecord } from './types.js';

/**
 * What both backends share about client keys: their shape, their hash and how a row reads back.
 * A plain fast hash is right here: the keys are 256-bit random strings, so there is nothing to
 * brute-force, and a slow password hash would add milliseconds of CPU to every authenticated request.
 */
export const CLIENT_KEY_PREFIX = 'agk_';
/** 43 base62 characters ≈ 256 bits. */
const KEY_CHARS = 43;
export const KEY_SHAPE = /^agk_[0-9A-Za-z]{43}$/;
const TOUCH_FLUSH_MS = 1000;

export type KeyRow = {
  id: string;
  key_hash: Buffer;
  name: string;
  app: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** Added by migration 6 (PostgreSQL 5); NULL: the global preset. */
  preset: string | null;
};

export function newClientKey(): { id: string; key: string } {
  return { id: `ck_${randomBase62(16)}`, key: CLIENT_KEY_PREFIX + randomBase62(KEY_CHARS) };
}

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** A value written by a newer build (an unknown preset) reads as none: the global preset applies. */
const isPresetName = (value: string | null): value is PresetName => value !== null && (PRESET_NAMES as readonly string[]).includes(value);

/** A row as a record; `touchedAt` is a use not yet written. */
export function toClientKeyRecord(row: KeyRow, touchedAt = 0): ClientKeyRecord {
  const lastUsed = Math.max(row.last_used_at ?? 0, touchedAt);
  return {
    id: row.id,
    name: row.name,
    app: row.app,
    createdAt: row.created_at,
    ...(lastUsed > 0 ? { lastUsedAt: lastUsed } : {}),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(isPresetName(row.preset) ? { preset: row.preset } : {}),
  };
}

/** Last-use times, coalesced in memory and written within about a second in one go. */
export class TouchCoalescer {
  readonly #write: (entries: [string, number][]) => Promise<void>;
  readonly #touched = new Map<string, number>();
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(write: (entries: [string, number][]) => Promise<void>) {
    this.#write = write;
  }

  lastTouched(id: string): number {
    return this.#touched.get(id) ?? 0;
  }

  touch(id: string, at: number): Promise<void> {
    this.#touched.set(id, at);
    if (!this.#flushing) {
      this.#flushing = new Promise<void>((resolve, reject) => {
        this.#timer = setTimeout(() => this.flush().then(resolve, reject), TOUCH_FLUSH_MS);
        this.#timer.unref();
      });
      // Callers may fire and forget; a failed write (store closing) must not become an unhandled rejection.
      this.#flushing.catch(() => undefined);
    }
    return this.#flushing;
  }

  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = undefined;
    const entries = [...this.#touched];
    this.#touched.clear();
    return entries.length === 0 ? Promise.resolve() : this.#write(entries);
  }
}
