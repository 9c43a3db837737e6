/**
 * Serves the browser app (editor/, bundled into editor/dist by editor/build.ts) on the API's
 * port: its files as they are, and index.html for every other GET outside /api so that the
 * app's own addresses (#/daftar-kerja …) and reloads work. Before the bundle exists, a short
 * page in Bahasa Indonesia says how to build it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { EDITOR_DIST } from '../editor/build.ts';

const NOT_BUILT = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Protap</title>
<p>Aplikasi web belum dibangun. Jalankan <code>npm start</code> (membangunnya otomatis) atau
<code>node --import tsx editor/build.ts</code>. API tetap tersedia di <a href="/api/docs">/api/docs</a>.</p></html>`;

export function webApp(root: string = EDITOR_DIST): Router {
  const router = express.Router();
  router.use(express.static(root, { index: 'index.html', maxAge: '1h', setHeaders: (res, path) => {
    // The page itself is never cached, so a new build reaches every browser at once.
    if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  } }));
  router.get(/^\/(?!api(?:\/|$)).*/, (_req, res) => {
    const index = join(root, 'index.html');
    if (existsSync(index)) res.setHeader('Cache-Control', 'no-cache').sendFile(index);
    else res.status(503).type('html').send(NOT_BUILT);
  });
  return router;
}
