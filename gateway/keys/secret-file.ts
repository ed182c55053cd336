import { randomBytes } from 'node:crypto';
import { chmod, link, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Small secret files in the data dir (master key, admin token, signing key): written whole through a
 * private (0600), fsynced temp file, so a reader never sees half a secret and a crash never leaves one.
 */

/** The file's text, or undefined when it does not exist. */
export async function readSecretFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * `create` links the temp file into place and never clobbers: when another process created the file
 * first, theirs stays (both then read the same secret). `replace` renames over the existing file.
 */
export async function writeSecretFile(path: string, content: string, mode: 'create' | 'replace' = 'create'): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (mode === 'replace') await rename(tmp, path);
    else await link(tmp, path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
}

/**
 * Reads and parses a secret file, creating it from `fresh()` first when absent; concurrent first
 * starts agree on one secret. The mode is tightened to 0600 in case someone loosened it.
 */
export async function loadOrCreateSecretFile<T>(path: string, fresh: () => string, parse: (text: string) => T): Promise<T> {
  let text = await readSecretFile(path);
  if (text === undefined) {
    await writeSecretFile(path, fresh());
    text = await readSecretFile(path);
    if (text === undefined) throw new Error(`${path} vanished right after it was created`);
  }
  await chmod(path, 0o600);
  return parse(text);
}
