// The composition root of the HTTP API: `createApp(deps)` wires the injected components (database, cipher,
// JPKI verifiers, push gateway, clock) into every capability's routes under /api/v1. It picks nothing by
// mode: the caller chooses the implementations.
import type { GetConnInfo } from 'hono/conninfo';
import { accountRoutes } from './accounts/account-routes.ts';
import { apiClientRoutes } from './accounts/api-client-routes.ts';
import type { SessionPolicy, ThrottlePolicy } from './accounts/index.ts';
import { alertTallyRoutes } from './alert-tallies/alert-tally-routes.ts';
import { alertRoutes } from './alerts/alert-routes.ts';
import type { AlertDispatcher, AlertIngestSettings } from './alerts/index.ts';
import { areaRoutes } from './areas/area-routes.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { checkinRoutes } from './checkins/checkin-routes.ts';
import type { CardRevocationCheck } from './checkins/index.ts';
import { shelterViewRoutes } from './checkins/shelter-view-routes.ts';
import type { FieldCipher } from './crypto/index.ts';
import type { Database } from './db/index.ts';
import { deviceRoutes } from './devices/device-routes.ts';
import type { DeviceDisconnector } from './devices/index.ts';
import { healthRecordRoutes } from './health/health-routes.ts';
import {
  authenticate,
  createRouter,
  defaultMaxBodyBytes,
  type ErrorContext,
  errorHandler,
  type HealthProbes,
  healthRoutes,
  limitBody,
  notFoundHandler,
  requestId,
  securitySchemes,
} from './http/index.ts';
import { defaultRetentionDays } from './mailbox/index.ts';
import { mailboxRoutes } from './mailbox/mailbox-routes.ts';
import type { BlindIndex, CardVerifiers } from './residents/index.ts';
import { residentRoutes } from './residents/resident-routes.ts';
import { shelterImportRoutes } from './shelters/shelter-import-routes.ts';
import { statusReportRoutes } from './status-reports/status-report-routes.ts';
import { watchOverRoutes } from './watch-over/watch-over-routes.ts';

/** Limits and lifetimes of the identity part of the API. */
export interface AppPolicy {
  /** Request body limit for routes that declare none (allowBodyUpTo). */
  maxBodyBytes: number;
  operatorSession: SessionPolicy;
  /** A resident on a TV: short idle time (the box may be left on), bounded total. */
  residentSession: SessionPolicy;
  operatorLoginThrottle: ThrottlePolicy;
}

const minutes = 60_000;

export const defaultAppPolicy: AppPolicy = {
  maxBodyBytes: defaultMaxBodyBytes,
  operatorSession: { idleMs: 60 * minutes, maxMs: 12 * 60 * minutes },
  residentSession: { idleMs: 30 * minutes, maxMs: 12 * 60 * minutes },
  operatorLoginThrottle: { windowMs: 15 * minutes, maxPerAccount: 5, maxPerNetwork: 50 },
};

export interface AppDeps {
  db: Database;
  /** Seals personal data at rest. */
  cipher: FieldCipher;
  /** Finds a resident again by the four basic items without storing them in clear. */
  blindIndex: BlindIndex;
  /** Card login (challenge store inside) and certificate verification. */
  jpki: CardVerifiers;
  /** The push gateway: drops a revoked box's connection. */
  push: DeviceDisconnector;
  clock: () => Date;
  /** The client address (for login throttling); @hono/node-server's getConnInfo in a server. */
  getConnInfo: GetConnInfo;
  policy: AppPolicy;
  /** Receives the original of every error answered with a 5xx (the client sees only the code). */
  reportError: (error: unknown, context: ErrorContext) => void;
  /** Push and JPKI state for GET /health (the server gives them; without them health reports the database). */
  health?: HealthProbes;
  /** Alert ingest: what it trusts, and who delivers what it stored. */
  alerts: { dispatcher: AlertDispatcher; settings: AlertIngestSettings };
  /** The backend's CRL check of cards tapped at shelters (the server gives it; without it: terminals' verdicts). */
  cardRevocation?: CardRevocationCheck;
  /** Mailbox: how long notices are kept (MAILBOX_RETENTION_DAYS; default 365). */
  mailboxRetentionDays?: number;
  /** Watch-over: the quiet period of a consent that names none (WATCH_OVER_QUIET_HOURS; default 24). */
  watchOverQuietHours?: number;
}

export function createApp(deps: AppDeps) {
  const { db, clock, policy } = deps;
  const api = createRouter()
    .route('/', healthRoutes({ db, ...(deps.health ? { probes: deps.health } : {}) }))
    .route(
      '/',
      accountRoutes({
        db,
        clock,
        getConnInfo: deps.getConnInfo,
        operatorLogin: { session: policy.operatorSession, throttle: policy.operatorLoginThrottle },
      }),
    )
    .route('/', apiClientRoutes({ db, clock }))
    .route('/', deviceRoutes({ db, cipher: deps.cipher, push: deps.push, clock }))
    .route(
      '/',
      residentRoutes({
        db,
        cipher: deps.cipher,
        blindIndex: deps.blindIndex,
        jpki: deps.jpki,
        clock,
        residentSession: policy.residentSession,
      }),
    )
    .route(
      '/',
      statusReportRoutes({
        db,
        cipher: deps.cipher,
        blindIndex: deps.blindIndex,
        certificates: deps.jpki.certificates,
        clock,
      }),
    )
    .route(
      '/',
      mailboxRoutes({
        db,
        cipher: deps.cipher,
        blindIndex: deps.blindIndex,
        clock,
        retentionDays: deps.mailboxRetentionDays ?? defaultRetentionDays,
      }),
    )
    .route(
      '/',
      healthRecordRoutes({
        db,
        cipher: deps.cipher,
        blindIndex: deps.blindIndex,
        certificates: deps.jpki.certificates,
        clock,
      }),
    )
    .route('/', auditRoutes({ db, clock }))
    .route(
      '/',
      checkinRoutes({
        db,
        cipher: deps.cipher,
        clock,
        ...(deps.cardRevocation ? { cardRevocation: deps.cardRevocation } : {}),
      }),
    )
    .route('/', shelterViewRoutes({ db, cipher: deps.cipher, clock }))
    .route('/', alertRoutes({ db, clock, ...deps.alerts }))
    .route('/', alertTallyRoutes({ db, cipher: deps.cipher, clock }))
    .route('/', areaRoutes({ db }))
    .route('/', shelterImportRoutes({ db, clock }))
    .route(
      '/',
      watchOverRoutes({ db, cipher: deps.cipher, clock, defaultQuietHours: deps.watchOverQuietHours ?? 24 }),
    );

  const app = createRouter();
  app.onError(errorHandler(deps.reportError));
  app.notFound(notFoundHandler);
  app.use(
    '*',
    requestId(),
    authenticate({
      db,
      clock,
      operatorSession: policy.operatorSession,
      residentSession: policy.residentSession,
    }),
    limitBody({ defaultBytes: policy.maxBodyBytes }),
  );
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  }
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Myna TV backend', version: '1' },
  });
  return app.route('/api/v1', api);
}

export type App = ReturnType<typeof createApp>;
