// The one composition root of a backend process. From validated configuration: the database (PGlite or
// PostgreSQL) and its migrations, the field cipher, the card verifiers, the HTTP app with its static mounts
// and /metrics, the node server and the push gateway on it (Redis fan-out when REDIS_URL is set).
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { startAlertDelivery } from '../alert-delivery/index.ts';
import { alertIngestSettingsOf, createAlertIngest, startAlertJobs } from '../alerts/index.ts';
import { createApp } from '../app.ts';
import { importTownMasterFiles } from '../areas/index.ts';
import { createCardRevocationCheck } from '../checkins/index.ts';
import type { Config } from '../config/index.ts';
import { createFieldCipher, loadFieldKeys, verifyFieldKeys } from '../crypto/index.ts';
import { type Database, migrate, openDatabase } from '../db/index.ts';
import { authenticateDevice } from '../devices/index.ts';
import { startReminderJob } from '../health/index.ts';
import { type AppEnv, errorHandler, notFoundHandler } from '../http/index.ts';
import { startMailboxJobs } from '../mailbox/index.ts';
import {
  countOperations,
  createBackendMetrics,
  createLogger,
  errorFields,
  type Logger,
  observeRequests,
} from '../observability/index.ts';
import { createPushGateway, type PushGateway } from '../push/index.ts';
import { createBlindIndex } from '../residents/index.ts';
import { startWatchOverJob } from '../watch-over/index.ts';
import { appPolicyOf } from './app-policy.ts';
import { startHousekeeping } from './housekeeping.ts';
import { createHttpServer } from './http-server.ts';
import { devPkiMount, setUpJpki } from './jpki-setup.ts';
import { metricsHandler } from './metrics-route.ts';
import { mountStatic } from './static-mounts.ts';
import { startStatusReportJobs } from './status-report-jobs.ts';

export interface StartBackendOptions {
  config: Config;
  /** Default: JSON lines on stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Default: the system clock (tests move it). */
  clock?: () => Date;
}

export interface Backend {
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  app: Hono<AppEnv>;
  db: Database;
  push: PushGateway;
  /** Graceful stop: no new connections, requests in flight finish (SHUTDOWN_TIMEOUT_SECONDS at most), push
   * and database closed. Resolves false if the deadline cut requests short. */
  close(): Promise<boolean>;
}

export async function startBackend(options: StartBackendOptions): Promise<Backend> {
  const { config } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Undone in reverse order if start-up fails half-way.
  const undo: (() => Promise<unknown>)[] = [];
  try {
    const counted = countOperations(await openDatabase(config));
    const { db } = counted;
    undo.push(() => db.close());
    const applied = await migrate(db);
    const keys = await loadFieldKeys(config);
    const cipher = createFieldCipher(keys);
    await verifyFieldKeys(db, cipher);
    await importTownMasterFiles(db, config.areaNamesFiles ?? [], clock());

    let url = '';
    const jpki = await setUpJpki({ config, db, clock, selfUrl: () => url });
    const root = new Hono<AppEnv>();
    const http = createHttpServer((request, bindings) => root.fetch(request, bindings));
    const push = await createPushGateway({
      httpServer: http.server,
      db,
      authenticate: (credential) => authenticateDevice(db, credential),
      ...(config.redisUrl ? { redis: { url: config.redisUrl, keyPrefix: config.pushRedisPrefix } } : {}),
      handshakesPerSecond: config.pushHandshakesPerSecond,
      resendAfterMs: config.pushResendAfterSeconds * 1000,
      maxResends: config.pushResendMax,
      onError: (error) => logger.warn('push', { error: errorFields(error) }),
      onConnectionReplaced: (deviceId) =>
        logger.warn(
          'push: a device connected again; its older connection was ended (a copied credential if it repeats)',
          { deviceId },
        ),
    });
    undo.push(() => push.close());
    const metrics = createBackendMetrics({
      push,
      ocspCache: () => jpki.status.stats(),
      chainCache: () => jpki.certificates.chainCacheStats(),
      db: { inFlight: counted.inFlight, poolMax: config.databaseUrl ? config.databasePoolSize : 1 },
    });
    undo.push(async () => metrics.stop());
    const policy = appPolicyOf(config);
    const reportError = (error: unknown, context: { requestId: string; method: string }) =>
      logger.error('request failed', {
        requestId: context.requestId,
        method: context.method,
        error: errorFields(error),
      });

    // Alerts stored by ingest are targeted and pushed from here; the renderer serves every node's boxes.
    const alertDelivery = await startAlertDelivery({
      db,
      cipher,
      push,
      clock,
      defaultTtlMs: config.alertPushTtlSeconds * 1000,
      onRejected: (rejected) =>
        logger.warn('alert delivery: households left out of targeting', { count: rejected.length, rejected }),
      onError: (error) => logger.warn('alert delivery', { error: errorFields(error) }),
    });
    undo.push(() => alertDelivery.stop());
    const alertDispatcher = alertDelivery.dispatcher;
    const alertSettings = await alertIngestSettingsOf(config);
    root.onError(errorHandler(reportError));
    root.notFound(notFoundHandler);
    root.use('*', observeRequests({ logger, metrics }));
    root.route(
      '/',
      createApp({
        db,
        cipher,
        blindIndex: createBlindIndex(keys, 'resident-basic-info'),
        jpki,
        push,
        clock,
        getConnInfo,
        policy,
        reportError,
        health: { push: () => push.health(), jpki: jpki.health },
        alerts: { dispatcher: alertDispatcher, settings: alertSettings },
        cardRevocation: createCardRevocationCheck({ ...jpki.authCrl, now: clock }),
        watchOverQuietHours: config.watchOverQuietHours,
        mailboxRetentionDays: config.mailboxRetentionDays,
      }),
    );
    root.get(
      '/metrics',
      metricsHandler({
        render: metrics.render,
        token: config.metricsToken,
        db,
        clock,
        operatorSession: policy.operatorSession,
      }),
    );
    if (config.tvAppDir) mountStatic(root, { prefix: '/tv/', dir: config.tvAppDir });
    if (config.opsAppDir) mountStatic(root, { prefix: '/ops/', dir: config.opsAppDir });
    if (jpki.devPkiApp) root.route(devPkiMount, jpki.devPkiApp);

    const housekeeping = startHousekeeping({ db, challenges: jpki.challenges, clock, logger });
    undo.push(() => housekeeping.stop());
    const statusReportJobs = startStatusReportJobs({
      config,
      db,
      cipher,
      certificates: jpki.certificates,
      clock,
      logger,
    });
    undo.push(() => statusReportJobs.stop());
    const alertJobs = startAlertJobs({
      config,
      db,
      ingest: createAlertIngest({ db, dispatcher: alertDispatcher, clock, settings: alertSettings }),
      clock,
      logger,
    });
    undo.push(() => alertJobs.stop());
    const watchOverJob = startWatchOverJob({
      db,
      cipher,
      clock,
      logger,
      everyMs: config.watchOverCheckSeconds * 1000,
    });
    undo.push(() => watchOverJob.stop());
    // Vaccination reminders and the mailbox purge: at start, then periodically; safe on several nodes.
    const reminderJob = startReminderJob({
      db,
      cipher,
      clock,
      leadDays: config.vaccinationReminderDays,
      everyMs: config.vaccinationReminderIntervalSeconds * 1000,
      onRound: (round) => logger.debug('vaccination reminders', { round }),
      onError: (error) => logger.warn('vaccination reminders failed', { error: errorFields(error) }),
    });
    undo.push(() => reminderJob.stop());
    const mailboxJobs = startMailboxJobs({
      db,
      clock,
      retentionDays: config.mailboxRetentionDays,
      onPurged: (notices) => logger.debug('mailbox purge', { notices }),
      onError: (error) => logger.warn('mailbox purge failed', { error: errorFields(error) }),
    });
    undo.push(() => mailboxJobs.stop());
    url = await http.listen({ host: config.host, port: config.port });
    logger.info('listening', {
      url,
      database: config.databaseUrl ? 'postgresql' : 'pglite',
      migrationsApplied: applied.length,
      push: push.health(),
      jpki: { mode: jpki.devPkiApp ? 'development' : 'configured', ...jpki.health() },
    });

    let closing: Promise<boolean> | undefined;
    return {
      url,
      app: root,
      db,
      push,
      close: () => {
        closing ??= (async () => {
          http.stopAccepting();
          const drained = await http.drain(config.shutdownTimeoutSeconds * 1000);
          if (!drained) logger.warn('shutdown deadline passed: closing requests still in flight');
          await push.close();
          await http.closeAll();
          await housekeeping.stop();
          await statusReportJobs.stop();
          await reminderJob.stop();
          await mailboxJobs.stop();
          await alertJobs.stop();
          await watchOverJob.stop();
          await alertDelivery.stop();
          metrics.stop();
          await db.close();
          logger.info('stopped', { drained });
          return drained;
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    throw error;
  }
}
