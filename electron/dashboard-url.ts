/**
 * Where the window points. The dashboard is a single page under `/ui/` that routes on the hash
 * (`/ui/#token=…` is the browser login), so a page is `/ui/#/<page>`.
 */
export type DashboardPage = 'live' | 'confirmations' | 'traffic' | 'settings' | 'connect' | 'status';

export function dashboardUrl(baseUrl: string, page?: DashboardPage): string {
  const root = new URL('/ui/', baseUrl).href;
  return page ? `${root}#/${page}` : root;
}
