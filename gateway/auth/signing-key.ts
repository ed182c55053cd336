import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, link, open, readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The request-signing secret: `<dataDir>/signing-key`, 64 hex characters (32 random bytes), mode 0600. */
export const SIGNING_KEY_FILE = 'signing-key';
const SHAPE = /^([0-9a-f]{64})\s*$/;

export const signingKeyPath = (dataDir: string): string => join(dataDir, SIGNING_KEY_FILE);

/**
 * Loads the signing secret, creating it on first start. The HMAC key is the 32 bytes the hex
 * decodes to. Creation writes a private temp file, fsyncs it and links it into place, which fails
 * rather than clobbers when another process created the file first; either way both read the winner.
 */
export async function loadSigningKey(dataDir: string): Promise<KeyObject> {
  const path = signingKeyPath(dataDir);
  let hex = await readKey(path);
  if (hex === undefined) {
    await createKey(path, `${randomBytes(32).toString('hex')}\n`);
    hex = await readKey(path);
    if (hex === undefined) throw new Error(`${path} vanished right after it was created`);
  }
  await chmod(path, 0o600);
  return createSecretKey(Buffer.from(hex, 'hex'));
}

async function readKey(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const match = SHAPE.exec(text);
  if (!match) throw new Error(`${path} does not hold 64 lowercase hex characters`);
  return match[1];
}

async function createKey(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
}
