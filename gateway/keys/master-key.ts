import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readSecretFile, writeSecretFile } from './secret-file.js';
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
    await writeSecretFile(path, await encode(fresh, wrapper), 'create');
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
  await writeSecretFile(path, await encode(master, wrapper), 'replace');
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
  const text = await readSecretFile(path);
  if (text === undefined) return undefined;
  const doc: unknown = JSON.parse(text);
  if (!isKeyFile(doc)) throw new Error(`${path} is not an AegisGate key file`);
  return doc;
}

function isKeyFile(doc: unknown): doc is KeyFile {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Record<string, unknown>;
  return d.version === 1 && typeof d.wrapper === 'string' && typeof d.key === 'string';
}
