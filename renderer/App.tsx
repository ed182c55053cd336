import { LoginScreen } from './components/LoginScreen.js';
import { Dashboard } from './Dashboard.js';
import { useAuth } from './hooks/useAuth.js';

export function App() {
  const { state, api, logout, retry } = useAuth();
  if (state.kind === 'checking') return <div className="splash" aria-busy="true" />;
  if (state.kind === 'out') return <LoginScreen reason={state.reason} onRetry={retry} />;
  return <Dashboard api={api} onLogout={logout} />;
}
