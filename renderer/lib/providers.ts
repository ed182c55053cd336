const TITLES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** The two default providers by their product names; any other provider by its configured name. */
export const providerTitle = (name: string): string => TITLES[name] ?? name;

const rank = (name: string) => (name === 'openai' ? 0 : name === 'anthropic' ? 1 : 2);

/** Provider names for lists and menus: the defaults first, then the rest by name, each once. */
export const sortProviders = (names: Iterable<string>): string[] => [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
