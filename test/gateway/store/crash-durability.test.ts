import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKeys } from '../../../gateway/keys/master-key.js';
import { openSqliteStore } from '../../../gateway/store/sqlite/open.js';
import { tempDir } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/audit-burst.ts', import.meta.url));
const ROUNDS = 10;

interface Acked {
  audit: string[];
  vault: string[];
  nonces: string[];
}

/** Runs the burst child until it has acknowledged at least `minAudit` audit events, then SIGKILLs it. */
function burstAndKill(dataDir: string, minAudit: number): Promise<Acked> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: Acked = { audit: [], vault: [], nonces: [] };
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? ''; // a partial last line was not fully acknowledged
      for (const line of lines) {
        const [kind, ...ids] = line.split(' ');
        if (kind === 'A') acked.audit.push(...ids);
        else if (kind === 'V') acked.vault.push(...ids);
        else if (kind === 'N') acked.nonces.push(...ids);
      }
      if (!killed && acked.audit.length >= minAudit) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited ${code} before the kill: ${stderr}`));
    });
  });
}

test(`kill -9 mid-burst, ${ROUNDS} times: every acknowledged write survives and integrity holds`, async (t) => {
  const dataDir = await tempDir(t);
  const keys = await loadKeys({ dataDir });
  let total = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const acked = await burstAndKill(dataDir, 500 + Math.floor(Math.random() * 4000));
    assert.ok(acked.audit.length > 0 && acked.vault.length > 0, `round ${round}: the child acknowledged writes`);

    const store = await openSqliteStore({ dataDir, keys });
    try {
      assert.equal(store.startup.uncleanShutdown, true, `round ${round}: the unclean shutdown was noticed`);
      assert.equal(store.startup.integrity, 'ok');
      const reader = new Database(join(dataDir, 'aegisgate.db'), { readonly: true });
      const ids = new Set(reader.prepare('SELECT id FROM audit').pluck().all() as string[]);
      const placeholders = new Set(reader.prepare("SELECT placeholder FROM vault WHERE scope = 'crash'").pluck().all() as string[]);
      const nonces = new Set(reader.prepare('SELECT nonce FROM nonces').pluck().all() as string[]);
      reader.close();
      const lostAudit = acked.audit.filter((id) => !ids.has(id));
      assert.deepEqual(lostAudit, [], `round ${round}: acknowledged audit events lost`);
      assert.deepEqual(acked.vault.filter((p) => !placeholders.has(p)), [], `round ${round}: vault mappings lost`);
      assert.deepEqual(acked.nonces.filter((n) => !nonces.has(n)), [], `round ${round}: nonces lost`);
      const sample = acked.vault[acked.vault.length - 1];
      assert.equal(await store.vault.get('crash', sample), `value-${sample.slice(1)}`);
      total += acked.audit.length;
    } finally {
      await store.close();
    }
  }
  t.diagnostic(`${total} acknowledged audit events checked over ${ROUNDS} kills`);
});
