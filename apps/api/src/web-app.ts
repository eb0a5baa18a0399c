import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the web app never owns: the API, its docs and the health check answer for themselves (404 included). */
const NOT_THE_APP = /^\/api(?:\/|$)/i;

/**
 * Serves the built web app (apps/web, built by Vite into `dir`) at `/`, same origin as the API so the strict
 * Content-Security-Policy holds (security-headers.ts). Hashed assets are cached for a year; every other GET that
 * is not under /api gets index.html (the app routes in the browser), never cached, so a new release shows at once.
 * Without a build the root explains how to make one instead of a bare 404.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || NOT_THE_APP.test(request.path)) return next();
      response.status(404).type('text/plain').send('The web app is not built: run `npm run build`.');
    });
    return;
  }
  app.useStaticAssets(join(dir, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  app.useStaticAssets(dir, { index: false, maxAge: 0 });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || NOT_THE_APP.test(request.path))
      return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
