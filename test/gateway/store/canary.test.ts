import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openSqliteStore } from '../../../gateway/store/sqlite/open.js';
import { auditEvent, tempDir, testKeys } from './helpers.js';

/**
 * Planted secrets must never reach disk in clear: not in the database, not in the WAL, before or after
 * a checkpoint. Values are long random strings so an accidental match is impossible.
 */
async function assertAbsent(dataDir: string, canaries: string[], when: string): Promise<void> {
  const files = (await readdir(dataDir)).filter((f) => f.startsWith('aegisgate.db'));
  assert.ok(files.includes('aegisgate.db'));
  for (const file of files) {
    const bytes = await readFile(join(dataDir, file));
    for (const canary of canaries) {
      for (const form of [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le'), Buffer.from(Buffer.from(canary).toString('base64'))]) {
        assert.equal(bytes.includes(form), false, `${when}: ${file} contains a planted secret`);
      }
    }
  }
}

test('vault values and managed provider keys never appear in the DB file or its WAL', async (t) => {
  const dataDir = await tempDir(t);
  const vaultCanary = `canary-vault-${randomBytes(16).toString('hex')}@example.com`;
  const providerCanary = `sk-proj-CANARY${randomBytes(24).toString('hex')}`;
  const anthropicCanary = `sk-ant-api03-CANARY${randomBytes(24).toString('hex')}`;
  const canaries = [vaultCanary, providerCanary, anthropicCanary];

  const store = await openSqliteStore({ dataDir, keys: testKeys, idleCheckpointMs: 3_600_000 });
  await store.vault.put(
    Array.from({ length: 50 }, (_, i) => ({ scope: `conv-${i}`, placeholder: `<EMAIL_${i}>`, value: vaultCanary, kind: 'email' })),
  );
  await store.providerKeys.setProviderKey('openai', providerCanary);
  await store.providerKeys.setProviderKey('anthropic', anthropicCanary);
  const client = await store.clientKeys.create({ name: 'n', app: 'a' });
  canaries.push(client.key);
  for (let i = 0; i < 100; i++) store.audit.enqueue(auditEvent());
  await store.audit.flush();
  assert.equal(await store.vault.get('conv-3', '<EMAIL_3>'), vaultCanary, 'the value is really stored');
  assert.equal(await store.providerKeys.getProviderKey('openai'), providerCanary);

  await assertAbsent(dataDir, canaries, 'before checkpoint (data in the WAL)');
  assert.ok((await readFile(join(dataDir, 'aegisgate.db-wal'))).length > 0, 'the WAL really holds the writes');
  await store.close();
  await assertAbsent(dataDir, canaries, 'after checkpoint (data in the main file)');
});
