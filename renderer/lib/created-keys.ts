/**
 * Client keys created in this window, id → key, so Connect can fill its snippets with a key made
 * on the Client keys tab a moment ago. Memory only: gone on reload, never stored or sent anywhere.
 */
const created = new Map<string, string>();

export const rememberCreatedKey = (id: string, key: string): void => void created.set(id, key);
export const createdKey = (id: string): string | undefined => created.get(id);
