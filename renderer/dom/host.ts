// The type comes from the preload that exposes it (types only: the page never loads Electron code).
import type { AegisHost } from '../../electron/preload/host.js';

declare global {
  interface Window {
    /** What Electron's preload exposes to the page (contextBridge); absent in a plain browser. */
    aegis?: AegisHost;
  }
}

export const hostToken = (): string | undefined => (typeof window.aegis?.token === 'string' ? window.aegis.token : undefined);
