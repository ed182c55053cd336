import { access } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { cacheControlFor, UI_SECURITY_HEADERS } from './headers.js';
import { findRendererDir } from './renderer-dir.js';

export interface UiOptions {
  /** The built renderer (Vite's output); defaults to `<package root>/renderer/dist`. */
  dir?: string;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AegisGate: dashboard not built</title></head>
<body><h1>The AegisGate dashboard is not built</h1>
<p>Run <code>npm run build</code> in the AegisGate folder, then reload this page. The gateway and its admin API work meanwhile.</p>
</body></html>
`;

const SEND_OPTIONS = { cacheControl: false, acceptRanges: false, dotfiles: 'ignore' } as const;
/** No `.`/`..` segments, backslashes or NULs: nothing that could step outside the folder. */
const UNSAFE_CHAR = /[\\\0]/;
const isSafePath = (path: string): boolean => !UNSAFE_CHAR.test(path) && !path.split('/').some((s) => s === '.' || s === '..');
/** A path ending in an extension names a file; anything else is one of the dashboard's own routes. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

/**
 * The dashboard's pages under `/ui/`: the built renderer, with every extension-less path answered by
 * index.html (the renderer routes on the client) and a missing file by 404, and a 503 page saying
 * how to build it when it is not built. Files are served by @fastify/static per request from `dir`,
 * so a build made while the gateway runs is picked up.
 */
async function pages(app: FastifyInstance, opts: { dir: string }): Promise<void> {
  const { dir } = opts;
  const isBuilt = () => access(join(dir, 'index.html')).then(() => true, () => false);

  await app.register(fastifyStatic, { serve: false, setHeaders: (res, filePath) => res.setHeader('cache-control', cacheControlFor(filePath)) });

  app.get('/*', async (req, reply) => {
    if (!(await isBuilt())) return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    const path = (req.params as { '*': string })['*'];
    if (!FILE_NAME.test(path)) return reply.sendFile('index.html', dir, SEND_OPTIONS);
    if (!isSafePath(path)) return reply.callNotFound();
    return reply.sendFile(path, dir, SEND_OPTIONS);
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found\n'));
}

/**
 * The dashboard, for browsers: `/` and `/ui` lead to `/ui/`, and every response carries a strict
 * CSP and the usual anti-framing, anti-sniffing and no-referrer headers. These are not proxy
 * routes, so browsers are welcome; the global Host check still applies (DNS rebinding).
 */
export async function uiPlugin(app: FastifyInstance, opts: UiOptions = {}): Promise<void> {
  const dir = opts.dir ?? findRendererDir();
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(UI_SECURITY_HEADERS);
  });
  app.get('/', (_req, reply) => reply.redirect('/ui/'));
  app.get('/ui', (_req, reply) => reply.redirect('/ui/'));
  await app.register(pages, { prefix: '/ui', dir });
}
