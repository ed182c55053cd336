/** Pages and their URL fragments; pure, so the Live filters' round trip is unit-tested with it. */
export const PAGES = ['live', 'confirmations', 'traffic', 'settings', 'connect', 'status'] as const;
export type Page = (typeof PAGES)[number];
export interface Route {
  page: Page;
  /** A tab within the page, e.g. `settings/keys`. */
  sub?: string;
}

/** `#/settings/keys`, or `#/live?q=…` (the query is the page's own state). */
export function parseRoute(hash: string): Route {
  const [page, sub] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const known = (PAGES as readonly string[]).includes(page) ? (page as Page) : 'live';
  return { page: known, sub: sub || undefined };
}

export const routeHref = (page: Page, sub?: string): string => `#/${page}${sub ? `/${sub}` : ''}`;

