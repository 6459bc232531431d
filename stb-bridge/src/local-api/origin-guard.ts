// Only the TV app may drive the card. A page from any other origin gets 403 before a route runs, and so does a
// request whose Host is not this machine's loopback name (a DNS-rebinding page names its own host). Requests
// without an Origin come from local programs, not pages: allowed to read, but every state-changing request must
// carry an allowed Origin, as browsers always send one with it.
import type { MiddlewareHandler } from 'hono';
import { LocalApiError } from './local-api-error.ts';

export const loopbackHostnames: readonly string[] = ['127.0.0.1', 'localhost'];

const readOnly = new Set(['GET', 'HEAD']);

export function originGuard(options: { allowedOrigins: readonly string[] }): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins);
  return async (c, next) => {
    if (!loopbackHostnames.includes(new URL(c.req.url).hostname)) {
      throw new LocalApiError(
        'request.host-forbidden',
        'the local API answers only to 127.0.0.1 or localhost',
      );
    }
    const origin = c.req.header('origin');
    if (origin === undefined ? !readOnly.has(c.req.method) : !allowed.has(origin)) {
      throw new LocalApiError('request.origin-forbidden', 'this origin may not use the local API');
    }
    await next();
  };
}
