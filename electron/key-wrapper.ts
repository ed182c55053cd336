import { identityWrapper, type KeyWrapper } from '../gateway/keys/wrapper.js';

/**
 * Protects the gateway's master key (which in turn protects managed provider keys and the vault)
 * with the OS keychain through Electron's asynchronous safeStorage API. The shape below is the part
 * of `Electron.SafeStorage` used here, so tests pass a fake and nothing imports Electron.
 */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

export interface KeyProtection {
  wrapper: KeyWrapper;
  /** `os-keychain` when safeStorage wraps the key; `file-permissions` when only the 0600 file mode does. */
  protectedBy: 'os-keychain' | 'file-permissions';
  /** For the log and the tray tooltip; absent when the OS keychain protects the key. */
  warning?: string;
}

/** Written into the key file; a different scheme is refused by the gateway rather than guessed at. */
export const SAFE_STORAGE_WRAPPER_ID = 'electron-safestorage';

export function safeStorageWrapper(safe: AsyncSafeStorage): KeyWrapper {
  // safeStorage encrypts strings, so the key travels as base64; a JS string cannot be wiped afterwards.
  return {
    id: SAFE_STORAGE_WRAPPER_ID,
    wrap: async (plain) => safe.encryptStringAsync(plain.toString('base64')),
    unwrap: async (wrapped) => Buffer.from((await safe.decryptStringAsync(wrapped)).result, 'base64'),
  };
}

/**
 * Picks the wrapper for this machine. On Linux without a keyring, safeStorage falls back to the
 * `basic_text` backend, whose key is a constant compiled into Chromium: wrapping with it would hide
 * nothing and would tie the key file to that backend. The identity wrapper is used instead, and the
 * gateway upgrades the file in place the first time a real keychain is available.
 */
export async function chooseKeyProtection(safe: AsyncSafeStorage, platform: NodeJS.Platform = process.platform): Promise<KeyProtection> {
  let available: boolean;
  try {
    available = await safe.isAsyncEncryptionAvailable();
  } catch (err) {
    return unprotected(`the OS keychain could not be reached (${(err as Error).message})`);
  }
  if (!available) return unprotected('the OS keychain is not available');
  if (platform === 'linux' && safe.getSelectedStorageBackend() === 'basic_text') {
    return unprotected('no Linux keyring (libsecret or KWallet) was found; safeStorage would fall back to basic_text');
  }
  return { wrapper: safeStorageWrapper(safe), protectedBy: 'os-keychain' };
}

function unprotected(why: string): KeyProtection {
  return {
    wrapper: identityWrapper,
    protectedBy: 'file-permissions',
    warning: `Keys at rest are protected by file permissions only: ${why}.`,
  };
}
