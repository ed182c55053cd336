import type pg from 'pg';

export class KeyMismatchError extends Error {
  constructor(stored: string, mine: string) {
    super(
      `master key mismatch: the shared store was set up with key fingerprint ${stored}, this instance's key is ${mine}. ` +
        'Every instance must use the same key: pass the shared key file with --master-key-file',
    );
    this.name = 'KeyMismatchError';
  }
}

/**
 * Records the first instance's key fingerprint, and refuses any later instance whose key differs:
 * with another key it would mint other placeholders and could not decrypt the shared vault.
 */
export async function checkKeyFingerprint(pool: pg.Pool, fingerprint: string): Promise<void> {
  await pool.query(`INSERT INTO instance_facts (name, value) VALUES ('key-fingerprint', $1) ON CONFLICT (name) DO NOTHING`, [fingerprint]);
  const { rows } = await pool.query<{ value: string }>(`SELECT value FROM instance_facts WHERE name = 'key-fingerprint'`);
  const stored = rows[0]?.value;
  if (stored !== fingerprint) throw new KeyMismatchError(String(stored), fingerprint);
}
