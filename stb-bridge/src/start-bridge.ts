// The bridge's composition root: from a validated configuration it picks the card reader (the one place that
// does), wires the card access, the resident session, the backend link and inbox, the status reports' outbox and
// sender, the event hub and the local API, and starts them. `main.ts` (the daemon), `npm start` and the tests call `startBridge` in-process.
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlertMessage } from './alerts/alert-message.ts';
import { AlertResponseOutbox } from './alerts/alert-response-outbox.ts';
import { AlertResponseSender } from './alerts/alert-response-sender.ts';
import { AlertStore } from './alerts/alert-store.ts';
import type { CardReader } from './card/card-reader.ts';
import { HidRemoteReader } from './card/hid-remote-reader.ts';
import { PcscReader } from './card/pcsc-reader.ts';
import type { RemoteKeyEvent } from './card/remote-keys.ts';
import { VirtualReader } from './card/virtual-reader.ts';
import type { BridgeConfig } from './config/bridge-config.ts';
import { BackendLink } from './link/backend-link.ts';
import type { BackoffOptions } from './link/backoff.ts';
import { readDeviceCredential } from './link/device-credential.ts';
import { PushInbox } from './link/push-inbox.ts';
import type { BridgeEvent } from './local-api/contracts.ts';
import { createLocalApi } from './local-api/local-api-app.ts';
import { serveLocalApi } from './local-api/local-api-server.ts';
import { errorFields, type Logger, silentLogger } from './log/json-logger.ts';
import { ReportOutbox } from './reports/report-outbox.ts';
import { ReportSender } from './reports/report-sender.ts';
import { queuedView, StatusReports } from './reports/status-reports.ts';
import { BackendClient } from './session/backend-client.ts';
import { CardAccess } from './session/card-access.ts';
import { CardWatcher } from './session/card-watcher.ts';
import { ResidentSession } from './session/resident-session.ts';
import { startShelterTerminal } from './shelter/start-shelter-terminal.ts';
import { loadVirtualCard } from './virtual-card/load-virtual-card.ts';
import { ActivityLedger } from './watch-over/activity-ledger.ts';
import { ActivitySender } from './watch-over/activity-sender.ts';

/** Key presses of a remote, as the HID remote reader raises them on `keys`. */
export type RemoteKeySource = EventEmitter<{ key: [RemoteKeyEvent] }>;

export interface StartBridgeOptions extends BridgeConfig {
  /** Default: silent. The daemon passes a JSON-lines logger on stdout. */
  logger?: Logger;
  /** A reader to use instead of the one `reader` names (tests insert and pull cards); left open on close. */
  cardReader?: CardReader;
  /** Key presses to relay on /events when the reader is not the HID remote itself. */
  remoteKeys?: RemoteKeySource;
  /** Reconnect back-off of the backend link, and retry back-off of waiting reports (tests shorten them). */
  linkBackoff?: BackoffOptions;
  /** How often watch-over's key counts go to the backend (default 10 minutes; tests shorten it). */
  watchOverSendEveryMs?: number;
}

export interface RunningBridge {
  /** The local API, `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops everything it started, in reverse order. */
  close(): Promise<void>;
}

interface OpenedReader {
  reader: CardReader;
  keys: RemoteKeySource | undefined;
}

/** The one place that turns the configured reader kind into an implementation. */
async function openCardReader(config: BridgeConfig): Promise<OpenedReader> {
  switch (config.reader) {
    case 'virtual': {
      const card = await loadVirtualCard({
        holderId: config.virtualHolder,
        pkiDir: config.virtualPkiDir,
        stateDir: join(config.dataDir, 'cards'),
      });
      return { reader: new VirtualReader({ card }), keys: undefined };
    }
    case 'pcsc':
      return { reader: await PcscReader.open(), keys: undefined };
    case 'hid': {
      // loadBridgeConfig guarantees the device with this reader kind.
      const reader = await HidRemoteReader.open(config.hidDevice as NonNullable<BridgeConfig['hidDevice']>);
      return { reader, keys: reader.keys };
    }
  }
}

export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  // A shelter check-in terminal is composed on its own (no device credential, push link or session).
  if (options.mode === 'shelter') return startShelterTerminal(options, openCardReader);
  const logger = options.logger ?? silentLogger;
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const credential = await readDeviceCredential(options.dataDir);
    const inbox = await PushInbox.open(options.dataDir);
    const alertResponses = await AlertResponseOutbox.open(options.dataDir);
    for (const file of alertResponses.setAside) logger.error('bridge.alert-outbox-corrupt', { file });
    const alerts = await AlertStore.open(options.dataDir, { inbox, outbox: alertResponses.outbox });
    const { outbox, setAside } = await ReportOutbox.open(options.dataDir);
    for (const file of setAside) logger.error('bridge.report-outbox-corrupt', { file });

    const opened: OpenedReader = options.cardReader
      ? { reader: options.cardReader, keys: undefined }
      : await openCardReader(options);
    if (!options.cardReader) cleanups.push(() => opened.reader.close());
    const access = new CardAccess(opened.reader);
    const watcher = new CardWatcher(opened.reader, access);
    const backend = new BackendClient({ urls: options.backendUrls, credential });
    const session = new ResidentSession({ access, backend });
    cleanups.push(() => session.close());
    const sender = new ReportSender({
      outbox,
      backend,
      ...(options.linkBackoff ? { backoff: options.linkBackoff } : {}),
    });
    cleanups.push(() => sender.close());
    const alertSender = new AlertResponseSender({
      outbox: alertResponses.outbox,
      backend,
      ...(options.linkBackoff ? { backoff: options.linkBackoff } : {}),
    });
    alertResponses.outbox.onRecord = () => alertSender.trigger();
    cleanups.push(() => alertSender.close());
    alertSender.on('sent', (record) => logger.info('bridge.alert-response-sent', { seq: record.seq }));
    alertSender.on('dropped', (record, error) =>
      logger.warn('bridge.alert-response-dropped', { seq: record.seq, ...errorFields(error) }),
    );
    alertSender.on('deferred', (error, delayMs) =>
      logger.info('bridge.alert-response-deferred', { delayMs, ...errorFields(error) }),
    );
    alertSender.on('store-failed', (error) => logger.error('bridge.alert-outbox-failed', errorFields(error)));
    const reports = new StatusReports({ access, backend, outbox, sender, deviceId: credential.deviceId });
    const activity = await ActivityLedger.open({ dataDir: options.dataDir });
    if (activity.corrupt) logger.error('bridge.watch-over-ledger-corrupt');
    cleanups.push(() => activity.ledger.persist());
    const activitySender = new ActivitySender({
      ledger: activity.ledger,
      backend,
      deviceId: credential.deviceId,
      ...(options.watchOverSendEveryMs ? { everyMs: options.watchOverSendEveryMs } : {}),
    });
    cleanups.push(() => activitySender.close());
    activitySender.on('failed', (error) => logger.info('bridge.watch-over-deferred', errorFields(error)));
    activitySender.on('store-failed', (error) =>
      logger.error('bridge.watch-over-store-failed', errorFields(error)),
    );

    const hub = new EventEmitter<{ event: [BridgeEvent] }>();
    // One listener per open /events stream: the TV app keeps one, a reload briefly two.
    hub.setMaxListeners(32);
    const publish = (event: BridgeEvent) => hub.emit('event', event);
    watcher.on('event', (event) => {
      if (event.type !== 'card:state')
        logger.info(`bridge.${event.type.replace(':', '-')}`, eventFields(event));
      publish(event);
    });
    watcher.on('check-failed', (error) => logger.warn('bridge.card-check-failed', errorFields(error)));
    session.on('change', (state) => {
      logger.info('bridge.session-changed', { loggedIn: state.loggedIn });
      publish({ type: 'session:changed', session: state });
    });
    session.on('logout-failed', (error) => logger.warn('bridge.logout-unconfirmed', errorFields(error)));
    inbox.on('message', (message) => {
      logger.info('bridge.message-received', { seq: message.seq });
      // Alerts (Test ones too) reach the TV app only as `alert:received`, from the alert store.
      if (!isAlertMessage(message)) publish({ type: 'message:received', message });
    });
    alerts.on('alert', (alert) => {
      logger.info('bridge.alert-received', { seq: alert.seq, kind: alert.payload.kind });
      publish({ type: 'alert:received', alert });
    });
    sender.on('received', (receipt) => {
      logger.info('bridge.report-received', { submissionId: receipt.submissionId });
      publish({ type: 'report:received', receipt });
    });
    sender.on('failed', (entry) => {
      logger.warn('bridge.report-failed', { submissionId: entry.submissionId, code: entry.failure?.code });
      publish({ type: 'report:failed', report: queuedView(entry) });
    });
    sender.on('deferred', (error, delayMs) =>
      logger.info('bridge.report-deferred', { delayMs, ...errorFields(error) }),
    );
    sender.on('store-failed', (error) => logger.error('bridge.report-store-failed', errorFields(error)));
    const onKey = ({ key, action }: RemoteKeyEvent) => {
      if (action !== 'release') publish({ type: 'remote:key', key, repeat: action === 'repeat' });
      // Watch-over counts presses only: no key, and a held key once.
      if (action === 'press') activity.ledger.count('press');
    };
    for (const keys of [opened.keys, options.remoteKeys]) {
      keys?.on('key', onKey);
      cleanups.push(() => void keys?.off('key', onKey));
    }

    const link = new BackendLink({
      urls: options.backendUrls,
      credential,
      inbox,
      ...(options.linkBackoff ? { backoff: options.linkBackoff } : {}),
      onError: (error) => logger.error('bridge.link-error', errorFields(error)),
    });
    link.on('connected', (url) => {
      logger.info('bridge.link-connected', { url });
      // The backend is back: reports that waited for it go now rather than at the end of their back-off.
      sender.trigger();
    });
    link.on('connected', () => alertSender.trigger());
    link.on('connected', () => void activitySender.trigger());
    link.on('disconnected', (reason) => logger.warn('bridge.link-disconnected', { reason }));
    link.on('refused', (error) => logger.error('bridge.link-refused', errorFields(error)));
    cleanups.push(() => link.close());
    link.start();
    // Reports left waiting by the last run (a restart, a power cut) are sent now.
    sender.trigger();
    alertSender.trigger();
    void activitySender.trigger();

    watcher.start();
    cleanups.push(() => watcher.stop());

    const shutdown = new AbortController();
    const app = createLocalApi({
      allowedOrigins: options.allowedOrigins,
      cards: watcher,
      access,
      session,
      inbox,
      alerts,
      reports,
      notices: backend,
      health: backend,
      watchOver: { ledger: activity.ledger, sender: activitySender },
      events: hub,
      logger,
      shutdown: shutdown.signal,
    });
    const server = await serveLocalApi(app, { port: options.port });
    cleanups.push(() => server.close());
    cleanups.push(() => shutdown.abort());
    logger.info('bridge.started', { url: server.url, reader: opened.reader.readers()[0]?.name ?? null });
    return {
      url: server.url,
      port: server.port,
      close: async () => {
        await close();
        logger.info('bridge.stopped');
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What a reader or card event may log: reader names and yes/no, nothing about the holder. */
function eventFields(event: BridgeEvent) {
  return {
    reader: 'reader' in event ? event.reader : undefined,
    jpki: 'jpki' in event ? event.jpki : undefined,
  };
}
