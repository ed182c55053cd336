// The import graph of a source tree, grouped into nodes (folders or root files), and the two checks
// the architecture test makes on it: no cycle, and every edge pointing down a declared layer list.
// Pure functions over plain data, so import-graph.test.ts can plant a cycle and watch them fail.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import, export-from or import() of one file by another, as paths relative to the tree's root with `/`. */
export interface FileEdge {
  from: string;
  to: string;
}

/** Node → node it imports → the file imports that make up that edge. */
export type NodeGraph = Map<string, Map<string, FileEdge[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const posix = (path: string) => path.split(sep).join('/');

/**
 * Every relative import between the tree's files: value and type imports, export-from, side-effect
 * imports and `import()` (TypeScript's own pre-parser finds them all, comments and strings excluded).
 * An import that resolves to no file throws, so a new spelling cannot slip past the checks unseen.
 */
export function fileImports(root: string): FileEdge[] {
  const edges: FileEdge[] = [];
  for (const file of sourceFiles(root)) {
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const base = resolve(dirname(file), ref.fileName).replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target === undefined) throw new Error(`${posix(relative(root, file))}: cannot resolve '${ref.fileName}'`);
      const to = posix(relative(root, target));
      if (!to.startsWith('../')) edges.push({ from: posix(relative(root, file)), to });
    }
  }
  return edges;
}

/** A file's top-level node: the folder right under the root, or the root file itself. */
export function topLevelNode(file: string): string {
  return file.split('/')[0];
}

/** Groups file edges into a node graph; edges inside one node and files `nodeOf` skips (undefined) drop out. */
export function nodeGraph(edges: readonly FileEdge[], nodeOf: (file: string) => string | undefined): NodeGraph {
  const graph: NodeGraph = new Map();
  for (const edge of edges) {
    const from = nodeOf(edge.from);
    const to = nodeOf(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    let targets = graph.get(from);
    if (!targets) graph.set(from, (targets = new Map()));
    targets.set(to, [...(targets.get(to) ?? []), edge]);
  }
  return graph;
}

/** One cycle of the graph as its nodes in order (the first repeated at the end), or undefined. */
export function findCycle(graph: NodeGraph): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): string[] | undefined => {
    if (onPath.has(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return undefined;
    path.push(node);
    onPath.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The file imports behind each step of a cycle, one line per step, for the failure message. */
export function describeCycle(graph: NodeGraph, cycle: readonly string[]): string {
  return cycle
    .slice(1)
    .map((to, i) => {
      const files = graph.get(cycle[i])?.get(to) ?? [];
      return `${cycle[i]} → ${to}: ${files.map((e) => `${e.from} → ${e.to}`).join(', ')}`;
    })
    .join('\n');
}

/** `from → to`, the key an allowance list names an edge by. */
export const edgeKey = (from: string, to: string): string => `${from} → ${to}`;

/**
 * Edges that do not point down the layers (a node may import only nodes after it in `order`), with
 * the file imports behind each, minus the allowed ones. Nodes missing from `order` are reported too,
 * so a new folder must be placed before it can import or be imported.
 */
export function layerViolations(graph: NodeGraph, order: readonly string[], allowed: ReadonlySet<string> = new Set()): string[] {
  const rank = new Map(order.map((node, i) => [node, i]));
  const problems: string[] = [];
  for (const [from, targets] of graph) {
    for (const [to, files] of targets) {
      const [a, b] = [rank.get(from), rank.get(to)];
      if (a === undefined || b === undefined) problems.push(`${edgeKey(from, to)}: ${a === undefined ? from : to} is in no layer`);
      else if (a > b && !allowed.has(edgeKey(from, to))) problems.push(`${edgeKey(from, to)} points up: ${files.map((e) => `${e.from} → ${e.to}`).join(', ')}`);
    }
  }
  return problems;
}
