/**
 * The one-time login token arrives in the URL fragment (`/ui/#token=…`), which browsers never send
 * to a server. It is read once and removed from the address bar and history at once, before it is
 * used, so it never lingers in a screenshot, a bookmark or the back button.
 */
export function tokenFromHash(hash: string): string | undefined {
  if (!hash.startsWith('#')) return undefined;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  return token ? token : undefined;
}
