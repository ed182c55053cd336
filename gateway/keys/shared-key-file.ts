import { createHmac } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { deriveKeys, MASTER_KEY_BYTES, type Keys } from './subkeys.js';

export interface SharedKeys {
  keys: Keys;
  /** The admin token every instance accepts, derived from the same key. */
  adminToken: string;
  /** The request-signing secret, 64 hex characters, so a signed request verifies on every instance. */
  signingKey: string;
}

/**
 * The master key shared by every instance of a scaled-out gateway, from a file an operator made once
 * (`openssl rand -base64 32 > aegis.key`) and hands to each instance (a mounted secret). Placeholders,
 * the vault's encryption and the admin token then agree everywhere.
 */
export async function loadSharedKeys(path: string): Promise<SharedKeys> {
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    throw new Error(`${path} is readable by other users (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`);
  }
  const master = decode((await readFile(path, 'utf8')).trim(), path);
  try {
    const derive = (purpose: string) => createHmac('sha256', master).update(`aegisgate/v1/${purpose}`).digest();
    return { keys: deriveKeys(master), adminToken: derive('admin-token').toString('base64url'), signingKey: derive('signing-key').toString('hex') };
  } finally {
    master.fill(0);
  }
}

function decode(text: string, path: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  // 32 bytes are 43 base64 characters and one '=' of padding.
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) return Buffer.from(text, 'base64');
  throw new Error(`${path} must hold a ${MASTER_KEY_BYTES}-byte key as base64 or hex (openssl rand -base64 32)`);
}
