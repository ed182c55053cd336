/** The policy presets, by name: the one list the schema, the store, the dashboard and the docs use. */
export const PRESET_NAMES = ['permissive', 'balanced', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
export const DEFAULT_PRESET: PresetName = 'balanced';
