// Each small list (presets, finding categories, field kinds, provider kinds, default providers) is
// declared once in gateway/shared; the schemas, the policy, the admin contract and the dashboard's
// options are built from it. These tests fail when one of them drifts or a copy is written again.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { DetectorInfoSchema, RuleChoicesSchema, RulesViewSchema, UpdateClientKeyBodySchema } from '../../../gateway/admin/contract.js';
import { resolveConfig } from '../../../gateway/config/load.js';
import { ConfigSchema, DEFAULT_PROVIDER_URLS, ProviderSchema } from '../../../gateway/config/schema.js';
import { CONFIRM_DEFAULTS } from '../../../gateway/confirm/types.js';
import { PRESETS } from '../../../gateway/policy/presets.js';
import { RuleMatchSchema } from '../../../gateway/policy/rule-schema.js';
import { BUILTIN_DETECTORS } from '../../../gateway/scan/index.js';
import { BUILTIN_CATEGORIES, DETECTOR_CATEGORIES, FIELD_KINDS, FINDING_CATEGORIES, GUARD_CATEGORIES } from '../../../gateway/shared/finding-lists.js';
import { DEFAULT_PRESET, PRESET_NAMES } from '../../../gateway/shared/presets.js';
import { DEFAULT_PROVIDERS, PROVIDER_KINDS } from '../../../gateway/shared/shape.js';
import { FIELD_KINDS as RENDERER_FIELD_KINDS, PRESETS as RENDERER_PRESETS, RULE_CATEGORIES as RENDERER_CATEGORIES } from '../../../renderer/lib/contract-values.js';
import { sortProviders } from '../../../renderer/lib/providers.js';

const ROOT = join(import.meta.dirname, '../../..');

/** The values a union of literals accepts, in order. */
const literals = (schema: TSchema): unknown[] => {
  assert.ok(Array.isArray(schema.anyOf), 'a union');
  return (schema.anyOf as TSchema[]).map((s) => s.const);
};

describe('lists declared once', () => {
  it('the config schema accepts exactly the presets and provider kinds, with the default preset', () => {
    const preset = ConfigSchema.properties.policy.properties.preset;
    assert.deepEqual(literals(preset), [...PRESET_NAMES]);
    assert.equal(preset.default, DEFAULT_PRESET);
    assert.equal(resolveConfig().policy.preset, DEFAULT_PRESET);
    assert.deepEqual(literals(ProviderSchema.properties.kind), [...PROVIDER_KINDS]);
  });

  it('every configuration has the default providers, each with a default URL', () => {
    assert.deepEqual(Object.keys(resolveConfig().providers), [...DEFAULT_PROVIDERS]);
    assert.deepEqual(Object.keys(DEFAULT_PROVIDER_URLS), [...DEFAULT_PROVIDERS]);
    for (const name of DEFAULT_PROVIDERS) assert.ok((PROVIDER_KINDS as readonly string[]).includes(name), `${name} is its own kind`);
  });

  it('the rule schema and the admin contract name the same categories, field kinds and presets', () => {
    assert.deepEqual(literals(RuleMatchSchema.properties.category), [...FINDING_CATEGORIES]);
    assert.deepEqual(literals(RuleMatchSchema.properties.fieldKind), [...FIELD_KINDS]);
    assert.deepEqual(literals(RuleChoicesSchema.properties.detectors.items.properties.category), [...FINDING_CATEGORIES]);
    assert.deepEqual(literals(DetectorInfoSchema.properties.category), [...BUILTIN_CATEGORIES]);
    assert.deepEqual(literals(RulesViewSchema.properties.preset), [...PRESET_NAMES]);
    assert.deepEqual(literals(UpdateClientKeyBodySchema.properties.preset.anyOf[0]!), [...PRESET_NAMES]);
  });

  it('the categories split into the scan step\'s and the guards\', and the built-in detectors use the built-in ones', () => {
    assert.deepEqual(new Set([...DETECTOR_CATEGORIES, ...GUARD_CATEGORIES]), new Set(FINDING_CATEGORIES));
    assert.equal(DETECTOR_CATEGORIES.length + GUARD_CATEGORIES.length, FINDING_CATEGORIES.length);
    assert.deepEqual(new Set(BUILTIN_DETECTORS.map((d) => d.category)), new Set(BUILTIN_CATEGORIES));
  });

  it('the policy has rules for exactly the presets', () => {
    assert.deepEqual(Object.keys(PRESETS), [...PRESET_NAMES]);
  });

  it('the dashboard\'s options are the lists themselves', () => {
    assert.equal(RENDERER_PRESETS, PRESET_NAMES);
    assert.equal(RENDERER_CATEGORIES, FINDING_CATEGORIES);
    assert.equal(RENDERER_FIELD_KINDS, FIELD_KINDS);
    assert.deepEqual(sortProviders(['zeta', ...[...DEFAULT_PROVIDERS].reverse(), 'alpha']), [...DEFAULT_PROVIDERS, 'alpha', 'zeta']);
  });

  it('the confirmation defaults are the config schema\'s', () => {
    const c = resolveConfig().confirm;
    assert.deepEqual(CONFIRM_DEFAULTS, { timeoutMs: c.timeoutSec * 1000, maxPending: c.maxPending, onTimeout: c.onTimeout, retryWindowMs: c.retryWindowSec * 1000 });
  });

  it('no product file spells a list out again', () => {
    const quoted = (list: readonly string[]) => list.map((v) => `'${v}'`).join(', ');
    const copies = [quoted(PRESET_NAMES), quoted(FINDING_CATEGORIES), quoted(FIELD_KINDS), quoted(PROVIDER_KINDS), quoted(DEFAULT_PROVIDERS), quoted(DETECTOR_CATEGORIES)];
    const homes = new Set(['gateway/shared/presets.ts', 'gateway/shared/finding-lists.ts', 'gateway/shared/shape.ts']);
    const files = ['gateway', 'renderer', 'electron'].flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`));
    const found: string[] = [];
    for (const file of files.filter((f) => /\.tsx?$/.test(f) && !f.includes('/dist/') && !homes.has(f))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const copy of copies) if (text.includes(copy)) found.push(`${relative(ROOT, join(ROOT, file))}: [${copy}]`);
    }
    assert.deepEqual(found, []);
  });
});
