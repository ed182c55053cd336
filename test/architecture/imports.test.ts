// The gateway's folders import one way. Each folder right under gateway/ is one node, and so is
// each file at its root; an edge is any relative import between two nodes, type imports, export-from
// and import() included (a type import still couples the folders: change one, re-read the other).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { describeCycle, edgeKey, fileImports, findCycle, layerViolations, nodeGraph, topLevelNode } from './import-graph.js';

const GATEWAY = resolve(import.meta.dirname, '../../gateway');
const DOC = resolve(import.meta.dirname, '../../docs/architecture.md');

/**
 * The layers, top to bottom, as docs/architecture.md declares them (its "Layers" section says why
 * each sits where it does): the folders (`routes/`) and root files (`cli.ts`) its numbered list
 * names, in order. Prose around the list is not read, so it may name them again.
 */
function layersOf(markdown: string): string[] {
  const start = markdown.indexOf('\n## Layers\n');
  assert.notEqual(start, -1, 'docs/architecture.md has a "## Layers" section');
  const end = markdown.indexOf('\n## ', start + 1);
  const items = markdown.slice(start, end === -1 ? undefined : end).match(/^\d+\. .*(\n {3,}.*)*/gm) ?? [];
  return items.flatMap((item) => [...item.matchAll(/`([\w-]+)\/`|`([\w-]+\.ts)`/g)].map((m) => m[1] ?? m[2]!));
}

/**
 * Known back edges being removed elsewhere; each names its way out. Delete the line when it goes.
 * - response → request: response/output-guard.ts uses request/hold.ts until one holdForUser lives in confirm/.
 */
const ALLOWED_BACK_EDGES: ReadonlySet<string> = new Set([edgeKey('response', 'request')]);

/** Within every folder, its subfolders (each with all below it) as nodes; the folder's own files drop out. */
function subfolderOf(folder: string): (file: string) => string | undefined {
  return (file) => {
    if (!file.startsWith(`${folder}/`)) return undefined;
    const rest = file.slice(folder.length + 1).split('/');
    return rest.length > 1 ? rest[0] : undefined;
  };
}

describe('gateway import direction', () => {
  const edges = fileImports(GATEWAY);
  const top = nodeGraph(edges, topLevelNode);

  it('reads the whole tree', () => {
    // Guards the checks below against passing on an empty or half-read graph.
    assert.ok(edges.length > 500, `only ${edges.length} imports found`);
    assert.ok(top.get('exchange')?.has('request'), 'exchange → request not seen');
    assert.ok(top.get('admin')?.has('events.ts'), 'a type-only import (admin → events.ts) not seen');
  });

  it('has no cycle between the top-level folders and root files, apart from the allowed back edges', () => {
    const withoutAllowed = new Map([...top].map(([from, targets]) => [from, new Map([...targets].filter(([to]) => !ALLOWED_BACK_EDGES.has(edgeKey(from, to))))]));
    const cycle = findCycle(withoutAllowed);
    assert.equal(cycle, undefined, cycle && `cycle ${cycle.join(' → ')}:\n${describeCycle(withoutAllowed, cycle)}`);
  });

  it('places every folder and root file in the layers, once', () => {
    const layers = layersOf(readFileSync(DOC, 'utf8'));
    assert.deepEqual(layers.filter((node, i) => layers.indexOf(node) !== i), [], 'named twice in the layer list');
    const nodes = readdirSync(GATEWAY, { withFileTypes: true }).filter((e) => e.isDirectory() || e.name.endsWith('.ts')).map((e) => e.name);
    assert.deepEqual([...layers].sort(), nodes.sort());
  });

  it('points every edge down the layers', () => {
    const problems = layerViolations(top, layersOf(readFileSync(DOC, 'utf8')), ALLOWED_BACK_EDGES);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('reads the layers from the numbered list only, folders and root files in order', () => {
    const doc = 'x\n## Layers\n\nProse naming `b/` and `a.ts` is not read.\n\n1. Top: `a.ts`, then `b/`\n   (see `b/c.ts`), `app.bus`.\n2. `c/`.\n\n## Next\n3. `d/`\n';
    assert.deepEqual(layersOf(doc), ['a.ts', 'b', 'c']);
  });

  it('uses every allowance it declares', () => {
    for (const key of ALLOWED_BACK_EDGES) {
      const [from, to] = key.split(' → ');
      assert.ok(top.get(from)?.has(to), `${key} is gone: delete its allowance`);
    }
  });

  it('has no cycle between the subfolders of any folder', () => {
    // Sibling subfolders only: a folder's own files and its subfolders import each other both ways
    // by design (plugin.ts registers routes/, routes/ read contract.ts), and its files are one step.
    const folders = new Set(edges.flatMap(({ from }) => from.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    for (const folder of folders) {
      const graph = nodeGraph(edges, subfolderOf(folder));
      const cycle = findCycle(graph);
      assert.equal(cycle, undefined, cycle && `cycle in ${folder}/: ${cycle.join(' → ')}:\n${describeCycle(graph, cycle)}`);
    }
  });
});
