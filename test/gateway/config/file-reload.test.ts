// Re-applying the config file: what applies, what needs a restart, what the admin overlay shadows,
// and an invalid file that changes nothing; then the directory watcher with in-place writes, an
// editor's write-and-rename, and saves that change nothing.
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { watchFile } from '../../../gateway/config/file-watch.js';
import { ConfigError } from '../../../gateway/config/load.js';
import { RuntimeConfig } from '../../../gateway/config/runtime.js';
import { tempDir } from '../../helpers/gateway.js';

const runtimeWith = (file: unknown, flags: unknown = {}) => new RuntimeConfig({ file, filePath: '/etc/aegis.yaml', flags });

describe('RuntimeConfig.applyFile', () => {
  it('applies a valid change to the next read and tells listeners once', () => {
    const runtime = runtimeWith({ policy: { preset: 'balanced' } });
    const seen: string[] = [];
    runtime.onChange((c) => seen.push(c.policy.preset));
    const status = runtime.applyFile({ policy: { preset: 'strict' }, relay: { enabled: true } }, 1000);
    assert.deepEqual(status, { path: '/etc/aegis.yaml', at: 1000, status: 'applied', applied: ['policy.preset', 'relay.enabled'], restartRequired: [], shadowed: [] });
    assert.equal(runtime.current.policy.preset, 'strict');
    assert.deepEqual(seen, ['strict']);
    assert.equal(runtime.fileStatus, status);
    // The same file again: nothing to apply, nobody told.
    assert.deepEqual(runtime.applyFile({ policy: { preset: 'strict' }, relay: { enabled: true } }).applied, []);
    assert.deepEqual(seen, ['strict']);
  });

  it('names fields read only at start and keeps their running values', () => {
    const runtime = runtimeWith({ port: 18080, log: { level: 'info' } });
    const status = runtime.applyFile({ port: 9999, log: { level: 'debug' }, upstream: { connectTimeoutMs: 500 }, confirm: { timeoutSec: 30 } });
    assert.deepEqual(status.restartRequired.sort(), ['log.level', 'port', 'upstream.connectTimeoutMs']);
    assert.deepEqual(status.applied, ['confirm.timeoutSec']);
    assert.equal(runtime.current.port, 18080);
    assert.equal(runtime.current.log.level, 'info');
    assert.equal(runtime.current.upstream.connectTimeoutMs, 10_000);
    assert.equal(runtime.current.confirm.timeoutSec, 30);
    // The body parser's limits are fixed when the listener is built; per-request limits apply at once.
    const limits = runtime.applyFile({ port: 9999, confirm: { timeoutSec: 30 }, limits: { bodyBytes: 4096, jsonDepth: 8, findings: 10 } });
    assert.deepEqual(limits.restartRequired.sort(), ['limits.bodyBytes', 'limits.jsonDepth', 'port']);
    assert.deepEqual(limits.applied, ['limits.findings']);
  });

  it('a restart-only field stays as it runs through later admin updates, and the next re-read names it again', async () => {
    const runtime = runtimeWith({ port: 18080 });
    runtime.applyFile({ port: 9999 });
    const updated = await runtime.update({ confirm: { timeoutSec: 30 } });
    assert.deepEqual(updated.restartRequired, []);
    assert.equal(runtime.current.port, 18080);
    assert.deepEqual(runtime.applyFile({ port: 9999, relay: { enabled: true } }).restartRequired, ['port']);
  });

  it('a file re-read while an admin update is being saved is kept, and so is the update', async () => {
    let release!: () => void;
    const saved = new Promise<void>((r) => (release = r));
    const settings = { get: async () => undefined, put: () => saved };
    const runtime = new RuntimeConfig({ file: {}, filePath: '/etc/aegis.yaml' }, {}, settings);
    const update = runtime.update({ confirm: { timeoutSec: 30 } });
    runtime.applyFile({ relay: { enabled: true } });
    release();
    await update;
    assert.equal(runtime.current.relay.enabled, true, 'the file change survived the update');
    assert.equal(runtime.current.confirm.timeoutSec, 30);
  });

  it('an invalid file keeps the running config and names the field', () => {
    const runtime = runtimeWith({ confirm: { timeoutSec: 30 } });
    const before = runtime.current;
    let told = 0;
    runtime.onChange(() => told++);
    const status = runtime.applyFile({ confirm: { timeoutSec: 30 }, limits: { bodyBytes: 'lots' }, policy: { preset: 'strict' } });
    assert.equal(status.status, 'invalid');
    assert.equal(status.error?.field, 'limits.bodyBytes');
    assert.match(status.error!.message, /limits\.bodyBytes/);
    assert.equal(runtime.current, before);
    assert.equal(told, 0);
    // The next valid file is compared with the last good one, so the preset change still applies.
    assert.deepEqual(runtime.applyFile({ confirm: { timeoutSec: 30 }, policy: { preset: 'strict' } }).applied, ['policy.preset']);
  });

  it('runs the extra validators (a deny-term check) and refuses an unknown key by its path', () => {
    const runtime = runtimeWith({});
    runtime.addValidator((c) => {
      if (c.scan.denyTerms.some((t) => t.pattern === 'bad')) throw new ConfigError("invalid config field 'scan': bad term", 'scan');
    });
    assert.equal(runtime.applyFile({ scan: { denyTerms: [{ pattern: 'bad' }] } }).error?.field, 'scan');
    assert.equal(runtime.applyFile({ policy: { presett: 'strict' } }).error?.field, 'policy.presett');
    assert.deepEqual(runtime.current.scan.denyTerms, []);
  });

  it('the admin overlay wins over the file: a file change to a field it sets is named as shadowed and not applied', async () => {
    const runtime = runtimeWith({ policy: { preset: 'balanced' }, confirm: { timeoutSec: 30 } });
    await runtime.update({ policy: { preset: 'permissive' } });
    const status = runtime.applyFile({ policy: { preset: 'strict' }, confirm: { timeoutSec: 40 } });
    assert.deepEqual(status.shadowed, ['policy.preset']);
    assert.deepEqual(status.applied, ['confirm.timeoutSec']);
    assert.equal(runtime.current.policy.preset, 'permissive');
    assert.equal(runtime.current.confirm.timeoutSec, 40);
    // And an admin change made after a file edit is not undone by the file either.
    await runtime.update({ confirm: { timeoutSec: 50 } });
    runtime.applyFile({ policy: { preset: 'strict' }, confirm: { timeoutSec: 45 } });
    assert.equal(runtime.current.confirm.timeoutSec, 50);
  });

  it('a flag wins over the file too', () => {
    const runtime = runtimeWith({}, { providers: { openai: { baseUrl: 'http://127.0.0.1:1' } } });
    const status = runtime.applyFile({ providers: { openai: { baseUrl: 'https://example.org' } } });
    assert.deepEqual(status.shadowed, ['providers.openai.baseUrl']);
    assert.equal(runtime.current.providers.openai.baseUrl, 'http://127.0.0.1:1');
  });

  it('whatever the edit, the result is the file applied (minus restart and shadowed fields) or nothing at all', () => {
    const edits = fc.record({
      preset: fc.constantFrom('permissive', 'balanced', 'strict', 'paranoid'),
      timeoutSec: fc.integer({ min: 0, max: 100_000 }),
      port: fc.integer({ min: 1, max: 65535 }),
    });
    fc.assert(fc.property(edits, ({ preset, timeoutSec, port }) => {
      const runtime = runtimeWith({});
      const before = runtime.current;
      const status = runtime.applyFile({ policy: { preset }, confirm: { timeoutSec }, port });
      const valid = preset !== 'paranoid' && timeoutSec >= 5 && timeoutSec <= 86_400;
      assert.equal(status.status, valid ? 'applied' : 'invalid');
      if (!valid) return assert.equal(runtime.current, before);
      assert.equal(runtime.current.policy.preset, preset);
      assert.equal(runtime.current.confirm.timeoutSec, timeoutSec);
      assert.equal(runtime.current.port, before.port);
    }), { numRuns: 200 });
  });
});

describe('watchFile', () => {
  /** Resolves with the next text the watcher reports, or rejects after 3 s. */
  function watcher(path: string) {
    const texts: string[] = [];
    const errors: string[] = [];
    let wake: (() => void) | undefined;
    const stop = watchFile(path, {
      debounceMs: 30,
      onText: (t) => (texts.push(t), wake?.()),
      onError: (e) => (errors.push(e.code ?? e.message), wake?.()),
    }, 'initial');
    const next = (count: number) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watcher reported ${texts.length}: ${texts.join('|')}`)), 3000);
      const check = () => {
        if (texts.length + errors.length < count) return;
        clearTimeout(timer);
        resolve();
      };
      wake = check;
      check();
    });
    return { texts, errors, next, stop };
  }

  it('reports in-place writes and write-then-rename saves, debounced, and not a save of the same text', async () => {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'initial');
    const w = watcher(file);
    try {
      // A burst of writes is one report of the last text.
      writeFileSync(file, 'a: 1');
      writeFileSync(file, 'a: 2');
      await w.next(1);
      assert.deepEqual(w.texts, ['a: 2']);

      // Editors' atomic save: a new file renamed over the old one (a watch on the file's inode would stop here).
      writeFileSync(join(dir, '.config.yaml.swp'), 'a: 3');
      renameSync(join(dir, '.config.yaml.swp'), file);
      await w.next(2);
      assert.deepEqual(w.texts, ['a: 2', 'a: 3']);

      // Unchanged text and other files in the directory are not reported.
      writeFileSync(file, 'a: 3');
      writeFileSync(join(dir, 'other.yaml'), 'b: 1');
      writeFileSync(file, 'a: 4');
      await w.next(3);
      assert.deepEqual(w.texts, ['a: 2', 'a: 3', 'a: 4']);
      assert.deepEqual(w.errors, []);
    } finally {
      w.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a file that is gone as an error, and picks it up again when it returns', async () => {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'initial');
    const w = watcher(file);
    try {
      rmSync(file);
      await w.next(1);
      assert.deepEqual(w.errors, ['ENOENT']);
      writeFileSync(file, 'back: true');
      await w.next(2);
      assert.deepEqual(w.texts, ['back: true']);
    } finally {
      w.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
