// Where state lives: XDG_CONFIG_HOME/aegisgate, else ~/.config/aegisgate, created owner-only.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultDataDir, ensureDataDir } from '../../../gateway/config/paths.js';

describe('defaultDataDir', () => {
  it('uses $XDG_CONFIG_HOME/aegisgate when set', () => {
    assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/x/config' }), join('/x/config', 'aegisgate'));
  });

  it('falls back to ~/.config/aegisgate when unset or empty', () => {
    assert.equal(defaultDataDir({}), join(homedir(), '.config', 'aegisgate'));
    assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '' }), join(homedir(), '.config', 'aegisgate'));
  });
});

describe('ensureDataDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'aegis-paths-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const mode = (p: string) => statSync(p).mode & 0o777;

  it('creates the directory and its parents, owner-only, and returns the absolute path', () => {
    const dir = join(root, 'a', 'b', 'aegisgate');
    assert.equal(ensureDataDir(dir), dir);
    assert.equal(mode(dir), 0o700);
  });

  it('tightens an existing directory to 0700 and is idempotent', () => {
    const dir = join(root, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    ensureDataDir(dir);
    assert.equal(mode(dir), 0o700);
    ensureDataDir(dir);
    assert.equal(mode(dir), 0o700);
  });

  it('resolves a relative path', () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      assert.equal(ensureDataDir('rel/state'), join(root, 'rel', 'state'));
    } finally {
      process.chdir(cwd);
    }
  });
});
