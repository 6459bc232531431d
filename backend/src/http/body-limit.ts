// Request body size limit: one default for every route, raised or lowered per route by putting
// `allowBodyUpTo(bytes)` in the route's middleware. The global middleware finds that marker among the
// handlers matched for the request, so the route declares its own limit in one place.
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from './app-env.ts';
import { RequestError } from './request-error.ts';

export const defaultMaxBodyBytes = 64 * 1024;

const limitKey = Symbol('maxBodyBytes');
type Marked = { [limitKey]?: number };

/** Route middleware declaring the route's own body limit (it does nothing when it runs). */
export function allowBodyUpTo(bytes: number) {
  const marker = createMiddleware<AppEnv>(async (_c, next) => next());
  (marker as Marked)[limitKey] = bytes;
  return marker;
}

export function limitBody(options: { defaultBytes: number }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const declared = matchedRoutes(c)
      .map((route) => (route.handler as Marked)[limitKey])
      .find((bytes) => bytes !== undefined);
    const maxSize = declared ?? options.defaultBytes;
    const tooLarge = () => {
      throw new RequestError('request.body-too-large', `request body larger than ${maxSize} bytes`);
    };
    // A declared length is checked here, as Hono's bodyLimit would, but without touching `c.req.raw.body`:
    // on @hono/node-server that builds a web Request and stream per request, where `c.req.json()` alone
    // reads the body straight off the socket. GET and HEAD carry no body. Only a body without a length
    // (chunked) is counted as it streams in, by Hono's middleware.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > maxSize ? tooLarge() : next();
    }
    return bodyLimit({
      maxSize,
      onError: tooLarge,
    })(c, next);
  });
}
