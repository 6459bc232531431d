// Every request gets an id of our own making (a client-sent one could collide or lie), put on the context
// for the audit log and error reports, and returned as X-Request-Id so a caller can quote it.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';

export const requestIdHeader = 'X-Request-Id';

export function requestId() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = crypto.randomUUID();
    c.set('requestId', id);
    c.header(requestIdHeader, id);
    await next();
  });
}
