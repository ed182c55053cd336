import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AsyncSafeStorage } from '../../electron/key-wrapper.js';

/**
 * Stands in for Electron's async safeStorage: real AES-GCM under a key only this object holds (as
 * the OS keychain would), with Chromium's `v11` prefix. It counts calls so tests can see what ran.
 */
export function fakeSafeStorage(opts: { available?: boolean | Error; backend?: string; linuxOnlyBackend?: boolean } = {}) {
  const key = randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0, backend: 0 };
  const storage: AsyncSafeStorage = {
    async isAsyncEncryptionAvailable() {
      if (opts.available instanceof Error) throw opts.available;
      return opts.available ?? true;
    },
    async encryptStringAsync(plainText) {
      calls.encrypt++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
    },
    async decryptStringAsync(encrypted) {
      calls.decrypt++;
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('not ours');
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: false };
    },
    getSelectedStorageBackend() {
      calls.backend++;
      return opts.backend ?? 'gnome_libsecret';
    },
  };
  return { storage, calls };
}
