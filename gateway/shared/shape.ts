/**
 * A provider is a name from configuration (`openai`, `anthropic`, `ollama`, …); base URLs come from
 * configuration only. The two defaults always exist.
 */
export type ProviderName = string;
export const DEFAULT_PROVIDERS = ['openai', 'anthropic'] as const;
export type DefaultProvider = (typeof DEFAULT_PROVIDERS)[number];
export const isDefaultProvider = (name: string): name is DefaultProvider => (DEFAULT_PROVIDERS as readonly string[]).includes(name);

/** Which API a provider speaks: any OpenAI-compatible API, Anthropic's, or Azure OpenAI's deployments. */
export const PROVIDER_KINDS = ['openai', 'anthropic', 'azure-openai'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * The two API families. Error shapes, header allowlists and method tables are keyed by family:
 * Azure OpenAI answers and reads headers like OpenAI.
 */
export type ApiFamily = 'openai' | 'anthropic';
export const familyOf = (kind: ProviderKind): ApiFamily => (kind === 'anthropic' ? 'anthropic' : 'openai');

/** The JSON shape of an exchange; `passthrough` means "any other /v1 path". */
export type ApiShape = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'passthrough';
