import { Type } from '@sinclair/typebox';
import { PROVIDER_NAME_PATTERN } from '../config/schema.js';
import { Literals } from '../shared/literals.js';
import { PRESET_NAMES, type PresetName } from '../shared/presets.js';

/** What every part of the admin contract builds with (TypeBox only, like the contract itself). */
export const strict = { additionalProperties: false } as const;
export { Literals };

/** A configured provider's name (`openai`, `anthropic`, and any the config adds). */
export const ProviderNameSchema = Type.String({ pattern: PROVIDER_NAME_PATTERN });

/** The policy presets (gateway/policy/presets.ts), from their one list for the contract and the dashboard. */
export { PRESET_NAMES, type PresetName };
