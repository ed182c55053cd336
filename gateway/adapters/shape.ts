/** Providers the gateway knows how to route to; base URLs come from configuration only. */
export type ProviderName = 'openai' | 'anthropic';
export const PROVIDERS: readonly ProviderName[] = ['openai', 'anthropic'];

/** The JSON shape of an exchange; `passthrough` means "any other /v1 path". */
export type ApiShape = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'passthrough';
