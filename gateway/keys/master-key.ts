import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { identityWrapper, type KeyWrapper } from './wrapper.js';
import { deriveKeys, MASTER_KEY_BYTES, type Keys } from './subkeys.js';

/**
 * The master key lives in `<dataDir>/master.key` (mode 0600) as a small versioned JSON document
 * naming the wrapper that protects it. A file written by the identity wrapper is upgraded in place
 * when a real wrapper (OS keychain) is first supplied; any other mismatch is refused rather than
 * guessed at, because unwrapping with the wrong scheme would yield a wrong key and unreadable data.
 */
export const MASTER_KEY_FILE = 'master.key';

interface KeyFile {
  version: 1;
  wrapper: string;
  key: string;
}

export interface LoadMasterKeyOptions {
  dataDir: string;
  wrapper?: KeyWrapper;
}

export async function loadMasterKey({ dataDir, wrapper = identityWrapper }: LoadMasterKeyOptions): Promise<Buffer> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, MASTER_KEY_FILE);
  let file = await readKeyFile(path);
  if (!file) {
    const fresh = randomBytes(MASTER_KEY_BYTES);
    // Another process may create the file at the same moment; whoever links first wins, both read theirs.
    await writeAtomically(path, await encode(fresh, wrapper), 'create');
    fresh.fill(0);
    file = await readKeyFile(path);
    if (!file) throw new Error(`${path} vanished right after it was created`);
  }
  await chmod(path, 0o600);
  if (file.wrapper === wrapper.id) return checkLength(await wrapper.unwrap(Buffer.from(file.key, 'base64')), path);
  if (file.wrapper !== identityWrapper.id) {
    throw new Error(
      `${path} is wrapped with "${file.wrapper}", but the key wrapper in use is "${wrapper.id}": this data dir belongs to ` +
        'the desktop app (its key is in the OS keychain); start the headless gateway with another --data-dir',
    );
  }
  const master = checkLength(Buffer.from(file.key, 'base64'), path);
  await writeAtomically(path, await encode(master, wrapper), 'replace');
  return master;
}

/** Loads (or creates) the master key and derives the per-purpose subkeys; the master is wiped after. */
export async function loadKeys(options: LoadMasterKeyOptions): Promise<Keys> {
  const master = await loadMasterKey(options);
  try {
    return deriveKeys(master);
  } finally {
    master.fill(0);
  }
}

async function encode(master: Buffer, wrapper: KeyWrapper): Promise<string> {
  const doc: KeyFile = { version: 1, wrapper: wrapper.id, key: (await wrapper.wrap(master)).toString('base64') };
  return `${JSON.stringify(doc)}\n`;
}

function checkLength(master: Buffer, path: string): Buffer {
  if (master.length !== MASTER_KEY_BYTES) throw new Error(`${path} does not hold a ${MASTER_KEY_BYTES}-byte key`);
  return master;
}

async function readKeyFile(path: string): Promise<KeyFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const doc: unknown = JSON.parse(text);
  if (!isKeyFile(doc)) throw new Error(`${path} is not an AegisGate key file`);
  return doc;
}

function isKeyFile(doc: unknown): doc is KeyFile {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Record<string, unknown>;
  return d.version === 1 && typeof d.wrapper === 'string' && typeof d.key === 'string';
}

/** Writes a temp file (0600, fsynced), then links (no clobber) or renames it into place. */
async function writeAtomically(path: string, content: string, mode: 'create' | 'replace'): Promise<void> {
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
  await syncDir(path);
}

async function syncDir(path: string): Promise<void> {
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (!dir) return;
  try {
    await dir.sync().catch(() => undefined);
  } finally {
    await dir.close();
  }
}
