import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The dashboard window's hardening, as data and predicates (Electron's security checklist; see
 * electron/fiddle `src/main/windows.ts`). window.ts applies them; nothing here touches Electron.
 */
export interface WindowOptionsInput {
  /** Absolute path of the compiled preload (CommonJS: sandboxed preloads are not ES modules). */
  preload: string;
  /** Off in packaged builds. */
  devTools: boolean;
}

/**
 * An in-memory session (no `persist:` prefix): the dashboard's cache, storage and cookies never
 * reach the disk, and its permission and header handlers apply to this window alone.
 */
export const DASHBOARD_PARTITION = 'aegisgate-dashboard';

export function windowOptions({ preload, devTools }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    title: 'AegisGate',
    // Shown once the first paint is ready, so the user never sees a blank white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      partition: DASHBOARD_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
    },
  };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Navigation stays on the dashboard's origin: same scheme, host and port, no credentials in the URL.
 * `blob:` and `filesystem:` URLs report their creator's origin, so the scheme is checked too.
 */
export function isDashboardUrl(url: string, dashboardOrigin: string): boolean {
  const u = parse(url);
  const origin = parse(dashboardOrigin);
  if (!u || !origin) return false;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '') return false;
  return u.origin === origin.origin;
}

/** A link the dashboard tries to open in a new window goes to the user's browser, if it is http(s). */
export function externalUrl(url: string): string | undefined {
  const u = parse(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  return u.href;
}

/** `setWindowOpenHandler`: the app never opens a second window. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally?: string } {
  const external = externalUrl(url);
  return external === undefined ? { action: 'deny' } : { action: 'deny', openExternally: external };
}

/** Permission request and check handlers: the dashboard needs no camera, notifications, clipboard… */
export const denyPermission = (): false => false;

/**
 * Sent with every dashboard response, on top of whatever the gateway sends: browsers enforce every
 * CSP header, so this can only narrow, and a window whose gateway forgot its CSP still has one. It
 * must allow what the dashboard needs (gateway/ui/headers.ts; a test compares them).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Response headers with our CSP appended to any the server sent (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let existing: string[] = [];
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') existing = existing.concat(values);
    else out[name] = values;
  }
  out['Content-Security-Policy'] = [...existing, CONTENT_SECURITY_POLICY];
  return out;
}
