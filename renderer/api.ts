import type {
  AuditListQuery, AuditPage, ClientKey, ClientKeyList, UpdateClientKeyBody, ConfigPatch, ConfigUpdateResponse, ConfigView, CreateClientKeyBody, CreatedClientKey,
  DetectorList, Health, PendingItemResponse, PendingList, ProviderKeyState, ConfirmDecision, Remember, RevealResponse, RuleChoices, RuleInput, RuleResponse, RulesView,
  SessionResponse, StatsResponse, ConnectCheckBody, ConnectCheckResponse,
} from '../gateway/admin/contract.js';
import { ApiError, apiErrorFrom } from './lib/api-error.js';

export { ApiError };
/** A configured provider's name (`openai`, `anthropic`, or one the config adds). */
export type Provider = string;

export interface ApiOptions {
  /** Electron's preload token: sent as a bearer header instead of relying on the session cookie. */
  bearer?: string;
  /** Called on every 401, so the app can show the login screen wherever the call came from. */
  onUnauthorized?: () => void;
}

const enc = encodeURIComponent;

function query(q: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The typed admin API client. Every call is same-origin; nothing is cached. */
export function createApi(opts: ApiOptions = {}) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: 'application/json',
    ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
    ...extra,
  });

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (res.status === 401) opts.onUnauthorized?.();
    if (!res.ok) throw apiErrorFrom(res.status, await res.text());
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    /** Exchanges the one-time login token for the HttpOnly session cookie. */
    login: (token: string) => call<SessionResponse>('POST', '/admin/session', { token }),
    logout: () => call<void>('DELETE', '/admin/session'),

    health: () => call<Health>('GET', '/admin/health'),
    audit: (q: AuditListQuery) => call<AuditPage>('GET', `/admin/audit${query({ ...q })}`),
    stats: (window: 60 | 900) => call<StatsResponse>('GET', `/admin/stats?window=${window}`),
    config: () => call<ConfigView>('GET', '/admin/config'),
    updateConfig: (patch: ConfigPatch) => call<ConfigUpdateResponse>('PUT', '/admin/config', patch),
    detectors: () => call<DetectorList>('GET', '/admin/detectors'),

    keys: () => call<ClientKeyList>('GET', '/admin/keys'),
    startConnectCheck: (body: ConnectCheckBody) => call<ConnectCheckResponse>('POST', '/admin/connect/checks', body),
    connectCheck: (id: string) => call<ConnectCheckResponse>('GET', `/admin/connect/checks/${enc(id)}`),
    createKey: (body: CreateClientKeyBody) => call<CreatedClientKey>('POST', '/admin/keys', body),
    revokeKey: (id: string) => call<void>('DELETE', `/admin/keys/${enc(id)}`),
    updateKey: (id: string, body: UpdateClientKeyBody) => call<ClientKey>('PATCH', `/admin/keys/${enc(id)}`, body),
    setProviderKey: (provider: Provider, key: string) => call<ProviderKeyState>('PUT', `/admin/providers/${provider}/key`, { key }),
    clearProviderKey: (provider: Provider) => call<ProviderKeyState>('DELETE', `/admin/providers/${provider}/key`),

    confirmations: () => call<PendingList>('GET', '/admin/confirmations'),
    /** `payloadHash` binds the decision to the exact payload shown: a different one answers 409. */
    decide: (id: string, decision: ConfirmDecision, remember?: Remember, payloadHash?: string) =>
      call<PendingItemResponse>('POST', `/admin/confirmations/${enc(id)}/decision`, { decision, ...(remember && { remember }), ...(payloadHash && { payloadHash }) }),
    touch: (id: string) => call<PendingItemResponse>('POST', `/admin/confirmations/${enc(id)}/touch`, {}),
    freeze: (id: string) => call<PendingItemResponse>('POST', `/admin/confirmations/${enc(id)}/freeze`, {}),
    release: (id: string) => call<PendingItemResponse>('POST', `/admin/confirmations/${enc(id)}/release`, {}),
    extend: (id: string) => call<PendingItemResponse>('POST', `/admin/confirmations/${enc(id)}/extend`, {}),
    reveal: (id: string) => call<RevealResponse>('POST', `/admin/confirmations/${enc(id)}/reveal`, {}),

    rules: () => call<RulesView>('GET', '/admin/rules'),
    ruleChoices: () => call<RuleChoices>('GET', '/admin/rules/choices'),
    createRule: (rule: RuleInput) => call<RuleResponse>('POST', '/admin/rules', rule),
    updateRule: (id: string, rule: RuleInput) => call<RuleResponse>('PUT', `/admin/rules/${enc(id)}`, rule),
    deleteRule: (id: string) => call<void>('DELETE', `/admin/rules/${enc(id)}`),

    /** The event stream's raw response; `useEventStream` parses it. */
    events: (lastEventId: string | undefined, signal: AbortSignal) =>
      fetch('/admin/events', {
        headers: headers({ accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }),
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      }),
  };
}

export type Api = ReturnType<typeof createApi>;
