import { useCallback, useEffect, useState } from 'react';

export const PAGES = ['live', 'confirmations', 'traffic', 'settings', 'connect', 'status'] as const;
export type Page = (typeof PAGES)[number];
export interface Route {
  page: Page;
  /** A tab within the page, e.g. `settings/keys`. */
  sub?: string;
}

export function parseRoute(hash: string): Route {
  const [page, sub] = hash.replace(/^#\/?/, '').split('/');
  const known = (PAGES as readonly string[]).includes(page) ? (page as Page) : 'live';
  return { page: known, sub: sub || undefined };
}

export const routeHref = (page: Page, sub?: string): string => `#/${page}${sub ? `/${sub}` : ''}`;

/** Pages live in the URL fragment: static hosting needs no fallback and Electron can deep-link. */
export function useHashRoute(): [Route, (page: Page, sub?: string) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((page: Page, sub?: string) => {
    window.location.hash = routeHref(page, sub);
  }, []);
  return [route, go];
}
