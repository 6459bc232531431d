// A route that only some roles may use, declared in one call: the role guard runs first, the OpenAPI document
// names its credential forms, and the error responses the edge itself gives are listed without being repeated
// at every route (401/403 from the guard; 400 when there is anything to validate; 413/415 with a body).
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './app-env.ts';
import { errorResponses } from './openapi-parts.ts';
import type { roleGuard } from './role-guard.ts';

type Guard = Pick<ReturnType<typeof roleGuard>, 'middleware' | 'security'>;

export type GuardedRouteConfig = Omit<RouteConfig, 'path' | 'middleware' | 'security'> & {
  /** Route middleware run after the guard, e.g. `allowBodyUpTo(bytes)`. */
  middleware?: MiddlewareHandler<AppEnv>[];
  /** The error statuses the route's own domain may give (404, 409, 503…); the edge's are added. */
  errors?: ContentfulStatusCode[];
};

function edgeErrors(request: RouteConfig['request']): ContentfulStatusCode[] {
  const statuses: ContentfulStatusCode[] = [401, 403];
  if (request?.params !== undefined || request?.query !== undefined || request?.body !== undefined)
    statuses.push(400);
  if (request?.body !== undefined) statuses.push(413, 415);
  return statuses;
}

export function guardedRoute<P extends string, C extends GuardedRouteConfig & { path: P }>(
  guard: Guard,
  config: C,
) {
  const { middleware = [], errors = [], responses, ...route } = config;
  return createRoute({
    ...route,
    middleware: [guard.middleware, ...middleware],
    security: guard.security,
    // Typed as the declared responses only, as a spread of errorResponses would be: handlers throw errors
    // (errorHandler renders them), they never return the error shape.
    responses: {
      ...responses,
      ...errorResponses(...edgeErrors(config.request), ...errors),
    } as C['responses'],
  });
}
