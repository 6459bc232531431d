// Every request, once finished: one log line (request id, method, route pattern, status, duration, error
// code) and its metrics. Only these fields: never the raw path, query, headers or body, which carry ids,
// tokens and personal data. Runs outermost, so it sees the request id and the error the app handled.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/index.ts';
import type { BackendMetrics } from './backend-metrics.ts';
import type { Logger } from './logger.ts';

/** The login routes whose failures are counted by code. */
const loginKinds: Readonly<Record<string, 'resident' | 'registration' | 'operator'>> = {
  'POST /api/v1/login': 'resident',
  'POST /api/v1/residents/registrations': 'registration',
  'POST /api/v1/operator/login': 'operator',
};

export function observeRequests(options: { logger: Logger; metrics: BackendMetrics }) {
  const { logger, metrics } = options;
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    metrics.requestsInFlight.inc();
    try {
      await next();
    } finally {
      metrics.requestsInFlight.dec();
    }
    const seconds = (performance.now() - started) / 1000;
    const { method } = c.req;
    const route = routeOf(c);
    const status = c.res.status;
    const code = errorCodeOf(c.error);
    metrics.request({ method, route, status, seconds });
    const kind = loginKinds[`${method} ${route}`];
    if (kind !== undefined && status >= 400) metrics.loginFailure(kind, code ?? `http-${status}`);
    logger.info('request', {
      requestId: c.get('requestId'),
      method,
      route,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(code !== undefined ? { code } : {}),
    });
  });
}

/** The pattern of the route that answered; 'unmatched' when only middleware matched (unknown path). */
function routeOf(c: Context): string {
  const path = routePath(c, -1);
  return path === '/*' || path === '*' || path === '' ? 'unmatched' : path;
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
