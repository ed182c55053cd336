// Builds the dashboard into renderer/dist, served by the gateway under /ui/ (same origin as /admin).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The gateway's CSP, repeated as a meta tag so the built page refuses inline code wherever it is opened. */
export const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";

// Build only: Vite's dev server injects inline scripts for hot reload, which this policy refuses.
const cspMeta = (): Plugin => ({
  name: 'aegis-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
});

export default defineConfig({
  root: import.meta.dirname,
  base: '/ui/',
  plugins: [react(), cspMeta()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is an inline-free module, but every target we serve supports modulepreload natively.
    modulePreload: { polyfill: false },
    // Small assets inlined as data: URLs would need more than img-src; keep them files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite --config renderer/vite.config.ts` against a gateway on the default port.
    proxy: { '/admin': 'http://127.0.0.1:18080' },
  },
});
