/**
 * Wraps the master key before it is written to disk and unwraps it after reading. The desktop shell
 * will pass one backed by the OS keychain (Electron safeStorage); headless runs use the identity, so
 * the key file's 0600 mode is the only protection there.
 */
export interface KeyWrapper {
  /** Names the scheme in the key file, so a key written by one wrapper is never fed to another. */
  readonly id: string;
  wrap(plain: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

export const identityWrapper: KeyWrapper = {
  id: 'identity',
  wrap: async (plain) => Buffer.from(plain),
  unwrap: async (wrapped) => Buffer.from(wrapped),
};
