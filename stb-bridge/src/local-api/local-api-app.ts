// The localhost API the TV app calls: origin and host guard, CORS for the TV app's origin, one request log line
// per call (method, path, status, duration: never a body), errors rendered by local-api-error.ts.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AlertStore } from '../alerts/alert-store.ts';
import { HealthApplications } from '../health/health-applications.ts';
import type { PushInbox } from '../link/push-inbox.ts';
import { errorFields, type Logger } from '../log/json-logger.ts';
import type { StatusReports } from '../reports/status-reports.ts';
import type { HealthBackend, ReportBackend } from '../session/backend-client.ts';
import type { CardAccess } from '../session/card-access.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { ShelterDesk } from '../shelter/shelter-desk.ts';
import { shelterRoutes } from '../shelter/shelter-routes.ts';
import { type WatchOverRouteDeps, watchOverRoutes } from '../watch-over/watch-over-routes.ts';
import { alertRoutes } from './alert-routes.ts';
import { cardRoutes } from './card-routes.ts';
import type { BridgeEvent, CardState, ErrorResponse } from './contracts.ts';
import { type BridgeEventSource, eventRoutes } from './event-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { renderError } from './local-api-error.ts';
import { messageRoutes } from './message-routes.ts';
import { noticeRoutes } from './notice-routes.ts';
import { originGuard } from './origin-guard.ts';
import { reportRoutes } from './report-routes.ts';
import { sessionRoutes } from './session-routes.ts';

export interface LocalApiDeps {
  /** Origins of the TV app, e.g. `http://127.0.0.1:8080`. */
  allowedOrigins: readonly string[];
  cards: { readonly state: CardState };
  access: CardAccess;
  session: ResidentSession;
  inbox: PushInbox;
  /** Disaster alerts (GET /alerts …); absent in tests of other routes. */
  alerts?: AlertStore;
  reports: StatusReports;
  /** Shelter mode (GET /shelter/status, POST /shelter/tap); absent on a set-top box. */
  shelter?: ShelterDesk;
  /** The backend's mailbox, for the resident's notices. */
  notices: Pick<ReportBackend, 'notices' | 'markNoticeRead'>;
  /** The backend's health records (母子健康情報); absent in tests of other routes. */
  health?: HealthBackend;
  /** Watch-over's key counts and schedule; absent in tests of other routes. */
  watchOver?: WatchOverRouteDeps;
  events: BridgeEventSource;
  logger: Logger;
  /** Aborting it ends the open event streams (shutdown). */
  shutdown?: AbortSignal;
}

/**
 * A local API app without routes: errors rendered by local-api-error.ts, unknown paths 404, one log line per
 * request. The set-top box's API and the shelter terminal's are both built on it.
 */
export function localApiBase(logger: Logger): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    const rendered = renderError(error);
    if (!rendered.known) logger.error('local-api.internal', { path: c.req.path, ...errorFields(error) });
    return c.json(rendered.body, rendered.status);
  });
  app.notFound((c) =>
    c.json<ErrorResponse>({ error: { code: 'request.not-found', message: 'no such route' } }, 404),
  );
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const fields = { method: c.req.method, path: c.req.path, status: c.res.status };
    logger.info('local-api.request', { ...fields, ms: Math.round(performance.now() - started) });
  });
  return app;
}

export function createLocalApi(deps: LocalApiDeps) {
  const { logger } = deps;
  const allowed = new Set(deps.allowedOrigins);
  const snapshot = (): BridgeEvent[] => [
    { type: 'card:state', state: deps.cards.state },
    { type: 'session:changed', session: deps.session.state },
  ];
  const app = localApiBase(logger);
  // The guard first: a preflight from another origin is refused too, not answered by CORS.
  app.use(
    '*',
    originGuard({ allowedOrigins: deps.allowedOrigins }),
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type'],
      maxAge: 600,
    }),
  );
  if (deps.alerts) app.route('/', alertRoutes({ alerts: deps.alerts }));
  if (deps.shelter) app.route('/', shelterRoutes({ shelter: deps.shelter }));
  if (deps.health) {
    const applications = new HealthApplications({ access: deps.access, backend: deps.health });
    app.route('/', healthRoutes({ session: deps.session, health: deps.health, applications }));
  }
  if (deps.watchOver) app.route('/', watchOverRoutes(deps.watchOver));
  return app
    .route('/', cardRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', messageRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', noticeRoutes(deps))
    .route(
      '/',
      eventRoutes({ events: deps.events, snapshot, shutdown: deps.shutdown ?? new AbortController().signal }),
    );
}

export type LocalApi = ReturnType<typeof createLocalApi>;
