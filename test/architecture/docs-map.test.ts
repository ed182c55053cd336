// docs/architecture.md is the newcomer's map: its folder list must be the tree's, and every file its
// walks name must exist, so the map cannot drift from the code it describes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DOC = 'docs/architecture.md';
const text = readFileSync(DOC, 'utf8');

function section(title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  assert.notEqual(start, -1, `${DOC} has a "## ${title}" section`);
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start, next === -1 ? undefined : next);
}

function folders(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .flatMap((name) => [`${dir}/${name}/`, ...folders(`${dir}/${name}`)]);
}

/** The folders a bullet list names: each line "- `gateway/x/` …" (the first code span of the line). */
export function listedFolders(markdown: string): string[] {
  return [...markdown.matchAll(/^\s*[-*] `(gateway\/[^`]*\/)`/gm)].map((m) => m[1]!);
}

test('the folder map lists every folder under gateway/, once, and nothing else', () => {
  const listed = listedFolders(section('Folders, in data-flow order'));
  const dupes = listed.filter((f, i) => listed.indexOf(f) !== i);
  assert.deepEqual(dupes, [], 'a folder listed twice');
  assert.deepEqual([...listed].sort(), folders('gateway').sort());
});

test('the root modules list names every .ts file directly under gateway/', () => {
  const listed = [...section('Root modules').matchAll(/^\s*[-*] `gateway\/([^`/]+\.ts)`/gm)].map((m) => m[1]!);
  const files = readdirSync('gateway').filter((f) => f.endsWith('.ts'));
  assert.deepEqual([...listed].sort(), files.sort());
});

test('every gateway file the document names exists', () => {
  const named = [...new Set([...text.matchAll(/`(gateway\/[\w./-]+\.ts)`/g)].map((m) => m[1]!))];
  assert.ok(named.length >= 20, 'the walks name the files they pass through');
  assert.deepEqual(named.filter((f) => !existsSync(f)), []);
});

test('the folder-list parser reads bullets and ignores prose mentions', () => {
  assert.deepEqual(listedFolders('- `gateway/a/` one\nsee `gateway/b/`\n  - `gateway/a/c/` two\n'), ['gateway/a/', 'gateway/a/c/']);
});
