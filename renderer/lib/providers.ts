import { DEFAULT_PROVIDERS, isDefaultProvider, type DefaultProvider } from '../../gateway/shared/shape.js';

const TITLES: Record<DefaultProvider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** The two default providers by their product names; any other provider by its configured name. */
export const providerTitle = (name: string): string => (isDefaultProvider(name) ? TITLES[name] : name);

const rank = (name: string) => (isDefaultProvider(name) ? DEFAULT_PROVIDERS.indexOf(name) : DEFAULT_PROVIDERS.length);

/** Provider names for lists and menus: the defaults first, then the rest by name, each once. */
export const sortProviders = (names: Iterable<string>): string[] => [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
