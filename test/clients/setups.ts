// The setups the suite runs clients with come from the Connect page's own snippets
// (renderer/lib/snippets.ts), so what the page tells a user is exactly what is verified here.
import { snippets, type Snippet } from '../../renderer/lib/snippets.js';

export function snippet(id: string, baseUrl: string): Snippet {
  const found = snippets({ baseUrl, key: undefined, openaiManaged: false, anthropicManaged: false, requireClientKey: false }).find((s) => s.id === id);
  if (!found) throw new Error(`the Connect page has no snippet "${id}"`);
  return found;
}

/** The `export NAME=value` lines of a shell snippet, as an environment. */
export function exportsOf(s: Snippet): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of s.code.matchAll(/^export ([A-Z_][A-Z0-9_]*)=(.*)$/gm)) env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  return env;
}

/** Telemetry, update checks and error reporting off: a client must reach the gateway and nothing else. */
export const QUIET_CLAUDE = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_BUG_COMMAND: '1',
  CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  OTEL_SDK_DISABLED: 'true',
};
