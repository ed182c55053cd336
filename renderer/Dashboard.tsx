import { useEffect, useMemo } from 'react';
import type { Api } from './api.js';
import { ConfigFileToasts } from './components/ConfigFileToasts.js';
import { PageBanners } from './components/PageBanners.js';
import { Sidebar } from './components/Sidebar.js';
import { ApiContext } from './hooks/useApi.js';
import { StreamContext } from './hooks/useEventStream.js';
import { useHashRoute, type Route } from './hooks/useHashRoute.js';
import { HealthContext, useHealthPoll } from './hooks/useHealth.js';
import { useHeldAlerts } from './hooks/useHeldAlerts.js';
import { PendingContext, usePendingQueueState } from './hooks/usePendingQueue.js';
import { ToastProvider } from './hooks/useToasts.js';
import { EventStream } from './lib/event-stream.js';
import { ConfirmationsPage } from './pages/ConfirmationsPage.js';
import { ConnectPage } from './pages/ConnectPage.js';
import { LivePage } from './pages/LivePage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { StatusPage } from './pages/StatusPage.js';
import { TrafficPage } from './pages/TrafficPage.js';

/** The signed-in app: one event stream, one pending queue, one page at a time. */
export function Dashboard({ api, onLogout }: { api: Api; onLogout?: () => void }) {
  // A 401 on the stream reaches the auth hook through the api's own onUnauthorized (health re-check).
  const stream = useMemo(() => new EventStream((id, signal) => api.events(id, signal), () => void api.health().catch(() => undefined)), [api]);
  const [route] = useHashRoute();

  return (
    <ApiContext.Provider value={api}>
      <StreamContext.Provider value={stream}>
        <ToastProvider>
          <Queue api={api} stream={stream} route={route} onLogout={onLogout} />
        </ToastProvider>
      </StreamContext.Provider>
    </ApiContext.Provider>
  );
}

function Queue({ api, stream, route, onLogout }: { api: Api; stream: EventStream; route: Route; onLogout?: () => void }) {
  const pending = usePendingQueueState(api);
  const health = useHealthPoll(api);
  useHeldAlerts();
  // Started after the subscriptions above and in the pages (children's effects run first).
  useEffect(() => {
    stream.start();
    return () => stream.stop();
  }, [stream]);
  useEffect(() => {
    document.title = pending.items.length > 0 ? `(${pending.items.length}) AegisGate` : 'AegisGate';
  }, [pending.items.length]);

  return (
    <PendingContext.Provider value={pending}>
      <HealthContext.Provider value={health}>
      <ConfigFileToasts />
      <div className="shell">
        <Sidebar route={route} pendingCount={pending.items.length} onLogout={onLogout} />
        <main className="main" id="main">
          <PageBanners onConfirmations={route.page === 'confirmations'} />
          <PageFor route={route} />
        </main>
      </div>
      </HealthContext.Provider>
    </PendingContext.Provider>
  );
}

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'confirmations':
      return <ConfirmationsPage />;
    case 'traffic':
      return <TrafficPage />;
    case 'settings':
      return <SettingsPage tab={route.sub} />;
    case 'connect':
      return <ConnectPage />;
    case 'status':
      return <StatusPage />;
    default:
      return <LivePage />;
  }
}
