// The headless `npm start` runs the compiled gateway: compiled when its sources changed, reused when
// not, and from source when they do not compile. Exercised on a one-file stand-in for the repo.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
// @ts-expect-error -- plain .mjs script run by node itself; it has no type declarations
import { compiledGateway } from '../../scripts/compiled-gateway.mjs';

const compile = compiledGateway as (root: string) => string | undefined;
const REPO = join(import.meta.dirname, '../..');

function standIn(): string {
  const root = mkdtempSync(join(tmpdir(), 'aegis-compiled-'));
  for (const f of ['tsconfig.base.json', 'tsconfig.build.json', 'package.json']) copyFileSync(join(REPO, f), join(root, f));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  mkdirSync(join(root, 'gateway'));
  writeFileSync(join(root, 'gateway', 'cli.ts'), 'export const answer: number = 1;\n');
  return root;
}

describe('compiled gateway for the headless npm start', () => {
  const root = standIn();
  after(() => rmSync(root, { recursive: true, force: true }));
  const cli = join(root, 'dist', 'gateway', 'cli.js');

  it('compiles on first use, reuses dist/ while the sources are unchanged, recompiles when they change', () => {
    assert.equal(compile(root), cli);
    assert.match(readFileSync(cli, 'utf8'), /answer = 1/);
    const built = statSync(cli).mtimeMs;
    assert.equal(compile(root), cli);
    assert.equal(statSync(cli).mtimeMs, built, 'unchanged sources: not compiled again');
    writeFileSync(join(root, 'gateway', 'cli.ts'), 'export const answer: number = 2;\n');
    assert.equal(compile(root), cli);
    assert.match(readFileSync(cli, 'utf8'), /answer = 2/);
  });

  it('returns undefined when the sources do not compile, so the start falls back to source', () => {
    writeFileSync(join(root, 'gateway', 'cli.ts'), 'export const answer: number = "two";\n');
    assert.equal(compile(root), undefined);
  });
});
