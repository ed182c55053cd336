import { Type } from '@sinclair/typebox';
import { PROVIDER_NAME_PATTERN } from '../config/schema.js';

/** What every part of the admin contract builds with (TypeBox only, like the contract itself). */
export const strict = { additionalProperties: false } as const;
export const Literals = <T extends string>(values: readonly T[], options: { description?: string } = {}) => Type.Union(values.map((v) => Type.Literal(v)), options);

/** A configured provider's name (`openai`, `anthropic`, and any the config adds). */
export const ProviderNameSchema = Type.String({ pattern: PROVIDER_NAME_PATTERN });

/** The policy presets (gateway/policy/presets.ts), named here for the contract and the dashboard. */
export const PRESET_NAMES = ['permissive', 'balanced', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
