// The contract is imported by the renderer (types only) and by a browser build's typecheck: its whole
// import graph, type imports included, must reach nothing but TypeBox. Its schemas must also accept
// what the gateway produces (the integration tests check responses against them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import ts from 'typescript';
import { ConfigPatchSchema, ConfigViewSchema, StreamEventSchemas } from '../../../gateway/admin/contract.js';
import { resolveConfig } from '../../../gateway/config/load.js';

const CONTRACT = resolve(import.meta.dirname, '../../../gateway/admin/contract.ts');

function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (ref.fileName.startsWith('.')) todo.push(resolve(dirname(file), ref.fileName.replace(/\.js$/, '.ts')));
      else packages.add(ref.fileName);
    }
  }
  return { files, packages };
}

describe('admin contract', () => {
  it('depends on nothing but TypeBox, type imports included', () => {
    const { files, packages } = importGraph(CONTRACT);
    assert.deepEqual([...packages].filter((p) => p !== '@sinclair/typebox'), [], `reached from ${files.join(', ')}`);
    assert.ok(files.length > 1);
  });

  it('describes config patches: any subset, unknown keys refused, no defaults filled in', () => {
    assert.ok(Value.Check(ConfigPatchSchema, {}));
    assert.ok(Value.Check(ConfigPatchSchema, { providers: { openai: { baseUrl: 'https://x.example' } }, audit: { enabled: false } }));
    assert.ok(!Value.Check(ConfigPatchSchema, { providers: { openai: { baseUrl: 'x', extra: 1 } } }));
    assert.ok(!Value.Check(ConfigPatchSchema, { nope: true }));
    assert.deepEqual(Value.Default(ConfigPatchSchema, {}), {});
    const config = resolveConfig({});
    assert.ok(Value.Check(ConfigViewSchema, { config, overlay: {}, providers: { openai: { managedKey: false }, anthropic: { managedKey: true } }, overrides: {} }));
  });

  it('has a payload schema for every stream event type', () => {
    assert.deepEqual(Object.keys(StreamEventSchemas).sort(), ['audit', 'clientKey.changed', 'clientKey.revoked', 'config', 'config.file', 'metrics', 'pending', 'providerKey.changed', 'reset', 'rules.changed']);
  });
});
