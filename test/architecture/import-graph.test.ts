// The checks imports.test.ts relies on must fail on what they guard against, or a green run means nothing.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { describeCycle, edgeKey, fileImports, findCycle, layerViolations, nodeGraph, topLevelNode, type FileEdge } from './import-graph.js';

// a/ → b/ → c.ts → a/: a cycle through a root file, each step made of one file import.
const PLANTED: FileEdge[] = [
  { from: 'a/x.ts', to: 'b/y.ts' },
  { from: 'b/y.ts', to: 'c.ts' },
  { from: 'c.ts', to: 'a/z.ts' },
  { from: 'a/x.ts', to: 'a/z.ts' },
];

describe('import graph checks', () => {
  it('finds a planted cycle and names the files behind each step', () => {
    const graph = nodeGraph(PLANTED, topLevelNode);
    const cycle = findCycle(graph);
    assert.ok(cycle, 'the planted cycle was not found');
    assert.equal(cycle.length, 4);
    assert.equal(cycle[0], cycle[3]);
    assert.deepEqual(new Set(cycle), new Set(['a', 'b', 'c.ts']));
    const text = describeCycle(graph, cycle);
    for (const { from, to } of PLANTED.slice(0, 3)) assert.ok(text.includes(`${from} → ${to}`), text);
  });

  it('finds a cycle of two, and none once an edge is gone', () => {
    assert.deepEqual(findCycle(nodeGraph([{ from: 'a/x.ts', to: 'b/y.ts' }, { from: 'b/y.ts', to: 'a/x.ts' }], topLevelNode)), ['a', 'b', 'a']);
    assert.equal(findCycle(nodeGraph(PLANTED.slice(1), topLevelNode)), undefined);
  });

  it('ignores imports inside one node', () => {
    assert.equal(nodeGraph([{ from: 'a/x.ts', to: 'a/deep/z.ts' }], topLevelNode).size, 0);
  });

  it('reports edges that point up or touch an unplaced node, unless allowed', () => {
    const graph = nodeGraph(PLANTED, topLevelNode);
    const problems = layerViolations(graph, ['a', 'b']);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('b → c.ts: c.ts is in no layer')));
    assert.ok(problems.some((p) => p.startsWith('c.ts → a: c.ts is in no layer')));
    assert.deepEqual(layerViolations(graph, ['a', 'b', 'c.ts']), ['c.ts → a points up: c.ts → a/z.ts']);
    assert.deepEqual(layerViolations(graph, ['a', 'b', 'c.ts'], new Set([edgeKey('c.ts', 'a')])), []);
  });

  it('reads value, type, export-from and dynamic imports from files, and refuses an unresolved one', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    try {
      write('leaf.ts', 'export type T = 1;\n');
      write('a/value.ts', "import { x } from '../b/x.js';\nexport const y = x;\n");
      write('a/type.ts', "import type { T } from '../leaf.js';\nexport type U = T;\n");
      write('a/reexport.ts', "export * from '../c/index.js';\n");
      write('a/dynamic.ts', "// import { nope } from '../nope.js'\nexport const load = () => import('../d/lazy.js');\n");
      write('b/x.ts', "import 'node:fs';\nexport const x = 1;\n");
      write('c/index.ts', 'export const c = 1;\n');
      write('d/lazy.ts', 'export const d = 1;\n');
      const edges = fileImports(root).map(({ from, to }) => `${from} → ${to}`).sort();
      assert.deepEqual(edges, ['a/dynamic.ts → d/lazy.ts', 'a/reexport.ts → c/index.ts', 'a/type.ts → leaf.ts', 'a/value.ts → b/x.ts']);

      write('a/broken.ts', "import { gone } from './gone.js';\n");
      assert.throws(() => fileImports(root), /a\/broken\.ts: cannot resolve '\.\/gone\.js'/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
