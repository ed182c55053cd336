// Builds the dashboard into renderer/dist, served by the gateway under /ui/ (same origin as /admin).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
// The gateway's CSP, from the one module that declares it, repeated as a meta tag so the built page
// refuses inline code wherever it is opened (frame-ancestors only works as a header, which the gateway sends).
import { META_CONTENT_SECURITY_POLICY } from '../gateway/ui/csp.js';

/** `npx vite --config renderer/vite.config.ts` serves the dashboard with hot reload against this gateway. */
const GATEWAY = process.env.AEGIS_GATEWAY ?? 'http://127.0.0.1:18080';

// Build only: Vite's dev server injects inline scripts for hot reload, which this policy refuses.
const cspMeta = (): Plugin => ({
  name: 'aegis-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
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
    host: '127.0.0.1',
    cors: false,
    proxy: {
      // The gateway accepts admin calls only from its own origin: in development the proxy speaks
      // for the dev server's page, which is as local as the gateway's own.
      '/admin': {
        target: GATEWAY,
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReq', (req) => req.getHeader('origin') !== undefined && req.setHeader('origin', GATEWAY)),
      },
    },
  },
});
