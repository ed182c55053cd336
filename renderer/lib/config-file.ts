import type { ConfigFileStatus } from '../../gateway/admin/contract.js';

const list = (paths: readonly string[]) => paths.join(', ');

/**
 * One line on what the last re-read of the `--config` file did, for the toast and the Status page:
 * what applies, what waits for a restart, what the admin API's settings shadow, or why it was refused.
 */
export function describeConfigFile(s: ConfigFileStatus): string {
  if (s.status === 'invalid') return `Config file not applied (the running configuration stays): ${s.error?.message ?? 'invalid'}`;
  const parts = [s.applied.length > 0 ? `applied ${list(s.applied)}` : 'nothing new to apply'];
  if (s.restartRequired.length > 0) parts.push(`needs a restart: ${list(s.restartRequired)}`);
  if (s.shadowed.length > 0) parts.push(`set in the dashboard, which wins: ${list(s.shadowed)}`);
  return `Config file reloaded: ${parts.join('; ')}`;
}
