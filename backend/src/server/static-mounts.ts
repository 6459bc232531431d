// Static front ends served by the backend itself (so `npm start` is one process): the TV app at /tv/ and the
// operations dashboard at /ops/. Only prefixes on the public list of http/public-routes.ts can be mounted.
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv, PublicPrefix } from '../http/index.ts';

export interface StaticMount {
  prefix: Exclude<PublicPrefix, '/dev-jpki/'>;
  /** Folder of built files; index.html answers for the folder itself. */
  dir: string;
}

export function mountStatic(app: Hono<AppEnv>, mount: StaticMount): void {
  const { prefix, dir } = mount;
  app.get(prefix.slice(0, -1), (c) => c.redirect(prefix, 301));
  app.on(
    ['GET', 'HEAD'],
    `${prefix}*`,
    serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(prefix.length - 1) }),
  );
}
