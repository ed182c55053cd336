import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `<package root>/renderer/dist`, found from this module's directory: `gateway/ui` when run from
 * source, `dist/gateway/ui` when run compiled, inside an asar when packaged. The nearest folder with
 * a package.json is the package root in all three.
 */
export function findRendererDir(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'renderer', 'dist');
    if (dirname(dir) === dir) return join(from, '..', '..', 'renderer', 'dist');
  }
}
