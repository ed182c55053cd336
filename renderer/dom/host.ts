/** What Electron's preload exposes to the page (contextBridge); absent in a plain browser. */
export interface AegisHost {
  /** The admin token: sent as a bearer header on every admin call. */
  token: string;
}

declare global {
  interface Window {
    aegis?: AegisHost;
  }
}

export const hostToken = (): string | undefined => (typeof window.aegis?.token === 'string' ? window.aegis.token : undefined);
