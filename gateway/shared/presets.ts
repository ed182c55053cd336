/** The policy presets, by name: the one list the schema, the store, the dashboard and the docs use. */
export type PresetName = 'permissive' | 'balanced' | 'strict';
export const PRESET_NAMES: readonly PresetName[] = ['permissive', 'balanced', 'strict'];
export const DEFAULT_PRESET: PresetName = 'balanced';
