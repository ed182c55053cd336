// The gateway's folders import one way. Each folder right under gateway/ is one node, and so is
// each file at its root; an edge is any relative import between two nodes, type imports, export-from
// and import() included (a type import still couples the folders: change one, re-read the other).
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { describeCycle, edgeKey, fileImports, findCycle, layerViolations, nodeGraph, topLevelNode } from './import-graph.js';

const GATEWAY = resolve(import.meta.dirname, '../../gateway');

/**
 * Top to bottom: a tier may import any tier below it and nothing in its own tier or above. Within
 * the shell files at the top, the order is who starts whom (cli → login-command → server → app).
 * routes and admin are the HTTP surfaces; scale and redis join instances; events.ts is the bus and
 * the map of what it carries. Below it the request runs through exchange (the conductor), request,
 * translate and response, which call on confirm, auth, upstream and the providers, policy, vault
 * and scan, then the leaves: the body boundary, adapters, ui, audit, config, store, keys, and the
 * shared types. metrics sits just under events.ts: events.ts composes the tick's payload from
 * metrics/series-schema.ts, and the metrics plugin reaches the bus through Fastify's `app.bus`
 * decorator, as every plugin does, importing nothing above auth.
 * A new folder or root file must be placed here before it may import or be imported.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['cli.ts'],
  ['login-command.ts'],
  ['server.ts'],
  ['app.ts'],
  ['services.ts', 'workers.ts'],
  ['routes'],
  ['error-handler.ts'],
  ['admin'],
  ['scale'],
  ['redis'],
  ['events.ts'],
  ['metrics'],
  ['exchange'],
  ['request'],
  ['translate'],
  ['response'],
  ['confirm'],
  ['auth'],
  ['upstream'],
  ['providers'],
  ['policy'],
  ['vault'],
  ['scan'],
  ['boundary'],
  ['adapters'],
  ['ui'],
  ['audit'],
  ['config'],
  ['store'],
  ['keys'],
  ['lifecycle.ts', 'slicer.ts', 'log.ts'],
  ['stream'],
  ['errors.ts'],
  ['shared'],
  ['version.ts'],
];

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

  it('points every edge down the layers', () => {
    const placed = LAYERS.flat();
    assert.equal(new Set(placed).size, placed.length, 'a node is placed twice');
    const problems = layerViolations(top, LAYERS, ALLOWED_BACK_EDGES);
    assert.deepEqual(problems, [], problems.join('\n'));
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
