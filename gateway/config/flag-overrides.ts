/**
 * Fields a command-line flag sets for this run. Flags win over the admin overlay, so an admin change
 * to one of these could be saved but never take effect: the admin API refuses it by naming the flag,
 * and the dashboard locks the field.
 */

/** The flag as a user types it, for a config path the CLI's flags set. */
export function flagName(path: string): string {
  const upstream = /^providers\.([^.]+)\.baseUrl$/.exec(path);
  if (upstream) return `--upstream ${upstream[1]}=URL`;
  if (path === 'host' || path === 'port') return `--${path}`;
  return 'a command-line flag';
}

/** Dotted paths of every leaf value in a layer (objects are walked, arrays and scalars are leaves). */
export function leafPaths(layer: unknown, prefix = ''): string[] {
  if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) return prefix ? [prefix] : [];
  return Object.entries(layer).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

export function valueAt(obj: unknown, path: string): unknown {
  let at: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A patch's fields that a flag sets, to a different value than the patch asks for. */
export function overriddenIn(patch: unknown, flags: unknown): { path: string; flag: string }[] {
  const set = new Set(leafPaths(flags));
  return leafPaths(patch)
    .filter((p) => set.has(p) && JSON.stringify(valueAt(patch, p)) !== JSON.stringify(valueAt(flags, p)))
    .map((path) => ({ path, flag: flagName(path) }));
}
