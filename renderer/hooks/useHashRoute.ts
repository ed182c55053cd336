import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHref, type Page, type Route } from '../lib/route.js';

export { PAGES, parseRoute, routeHref, type Page, type Route } from '../lib/route.js';

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
