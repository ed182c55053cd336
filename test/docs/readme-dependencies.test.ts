// Every dependency in package.json is explained in one line of the README's architecture table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

it('lists every dependency with a reason', () => {
  const table = readme.slice(readme.indexOf('| Package | Why |'));
  const listed = new Set<string>();
  for (const m of table.matchAll(/^\| ([^|]+) \| ([^|]+) \|$/gm)) {
    if (m[2]!.trim().length < 10) continue;
    for (const name of m[1]!.split(',')) listed.add(name.trim());
  }
  for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) {
    assert.ok(listed.has(name), `README does not say why ${name} is a dependency`);
  }
});
