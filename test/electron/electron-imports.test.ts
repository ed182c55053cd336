import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** A value import of Electron: `import … from 'electron'` (not `import type`), `import x = require(…)`, `require(…)`. */
const VALUE_IMPORT = /^\s*import\s+(?!type\b)[^;]*?\bfrom\s+['"]electron['"]|^\s*import\s+\w+\s*=\s*require\(\s*['"]electron['"]\s*\)|\brequire\(\s*['"]electron['"]\s*\)/m;
const importsElectron = (file: string) => VALUE_IMPORT.test(readFileSync(join(ROOT, file), 'utf8'));

test('only the thin Electron entry files load Electron; the logic modules run under plain Node', () => {
  const loaders = tsFiles(join(ROOT, 'electron')).filter(importsElectron).sort();
  assert.deepEqual(loaders, ['electron/main.ts', 'electron/notify.ts', 'electron/preload/index.ts', 'electron/tray.ts', 'electron/window.ts']);
});

test('the gateway never imports Electron (it runs headless too)', () => {
  assert.deepEqual(tsFiles(join(ROOT, 'gateway')).filter(importsElectron), []);
});

test('the pattern sees the forms it must see', () => {
  const sees = (src: string) => VALUE_IMPORT.test(src);
  assert.equal(sees("import { app } from 'electron';"), true);
  assert.equal(sees("import { app, type Session } from 'electron';"), true);
  assert.equal(sees('import electron = require("electron");'), true);
  assert.equal(sees("const { app } = require('electron');"), true);
  assert.equal(sees("import type { Session } from 'electron';"), false);
  assert.equal(sees("import { x } from 'electron-builder';"), false);
});
