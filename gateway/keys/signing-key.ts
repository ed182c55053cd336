import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateSecretFile } from './secret-file.js';

/** The request-signing secret: `<dataDir>/signing-key`, 64 hex characters (32 random bytes), mode 0600. */
export const SIGNING_KEY_FILE = 'signing-key';
const SHAPE = /^([0-9a-f]{64})\s*$/;

export const signingKeyPath = (dataDir: string): string => join(dataDir, SIGNING_KEY_FILE);

/**
 * Loads the signing secret, creating it on first start (through a private temp file linked into
 * place, so concurrent first starts agree). The HMAC key is the 32 bytes the hex decodes to.
 */
export async function loadSigningKey(dataDir: string): Promise<KeyObject> {
  const path = signingKeyPath(dataDir);
  return loadOrCreateSecretFile(path, () => `${randomBytes(32).toString('hex')}\n`, (text) => {
    const match = SHAPE.exec(text);
    if (!match) throw new Error(`${path} does not hold 64 lowercase hex characters`);
    return createSecretKey(Buffer.from(match[1]!, 'hex'));
  });
}
