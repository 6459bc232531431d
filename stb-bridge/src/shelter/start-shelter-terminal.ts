// The bridge in shelter mode (BRIDGE_MODE=shelter): a check-in terminal, not a set-top box. No device
// credential, push link or resident session: the card reader, the check-in journal and its sync with the
// terminal credential, the trust folder kept current while online, and a local API with the shelter routes
// and the staff page (`/shelter/desk/`), on 127.0.0.1 only and origin-checked like the box's.
import { join } from 'node:path';
import { cors } from 'hono/cors';
import { buildDeskPage } from '../../shelter-desk/build-desk-page.ts';
import type { CardReader } from '../card/card-reader.ts';
import type { BridgeConfig } from '../config/bridge-config.ts';
import { localApiBase } from '../local-api/local-api-app.ts';
import { serveLocalApi } from '../local-api/local-api-server.ts';
import { originGuard } from '../local-api/origin-guard.ts';
import { silentLogger } from '../log/json-logger.ts';
import { CardAccess } from '../session/card-access.ts';
import type { RunningBridge, StartBridgeOptions } from '../start-bridge.ts';
import { CheckinJournal } from './checkin-journal.ts';
import { JournalSync } from './journal-sync.ts';
import { ShelterDesk } from './shelter-desk.ts';
import { shelterRoutes } from './shelter-routes.ts';
import { TerminalBackendClient } from './terminal-backend.ts';
import { readTerminalCredential } from './terminal-credential.ts';
import { TrustRefresh } from './trust-refresh.ts';

/** Where the staff page is served. */
export const deskPagePath = '/shelter/desk/';

export async function startShelterTerminal(
  options: StartBridgeOptions,
  openReader: (config: BridgeConfig) => Promise<{ reader: CardReader }>,
): Promise<RunningBridge> {
  const logger = options.logger ?? silentLogger;
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dir = join(options.dataDir, 'shelter');
    const trustDir = join(dir, 'trust');
    const credential = await readTerminalCredential(
      options.shelterCredential ?? join(options.dataDir, 'shelter-terminal.json'),
    );
    const page = await buildDeskPage();
    const { journal, droppedBytes } = await CheckinJournal.open(dir);
    cleanups.push(() => journal.close());
    if (droppedBytes > 0) logger.warn('shelter.journal-torn-tail-dropped', { bytes: droppedBytes });
    const sync = await JournalSync.open({
      journal,
      dir,
      backend: new TerminalBackendClient({ urls: options.backendUrls, credential }),
      ...(options.linkBackoff
        ? { minRetryMs: options.linkBackoff.initialMs, maxRetryMs: options.linkBackoff.maxMs }
        : {}),
    });
    const reader = options.cardReader ?? (await openReader(options)).reader;
    if (!options.cardReader) cleanups.push(() => reader.close());
    const desk = await ShelterDesk.open({ journal, sync, access: new CardAccess(reader), trustDir });
    sync.start();
    cleanups.push(() => sync.stop());
    const trust = new TrustRefresh({
      url: options.shelterTrustUrl ?? `${(options.backendUrls[0] as string).replace(/\/+$/, '')}/dev-jpki`,
      trustDir,
      trustRoots: credential.trustRoots,
      onUpdated: async () => {
        await desk.reloadTrust();
        logger.info('shelter.trust-updated', { crlAgeSeconds: desk.status.crl?.ageSeconds ?? null });
      },
      ...(options.linkBackoff ? { retryMs: options.linkBackoff.maxMs } : {}),
    });
    // Back online after an outage: fetch a fresh CRL at once rather than at the end of the retry wait.
    let wasOnline: boolean | null = null;
    cleanups.push(
      sync.onStatus(({ online }) => {
        if (online === true && wasOnline !== true) void trust.refreshNow();
        wasOnline = online;
      }),
    );
    trust.start();
    cleanups.push(() => trust.stop());

    const app = localApiBase(logger);
    // The staff page is served from this very origin (loopback host and this port, which the guard's host
    // check pins), so it is allowed besides the configured ones.
    app.use('*', (c, next) =>
      originGuard({ allowedOrigins: [...options.allowedOrigins, new URL(c.req.url).origin] })(c, next),
    );
    const configured = new Set(options.allowedOrigins);
    app.use(
      '*',
      cors({
        origin: (origin) => (configured.has(origin) ? origin : null),
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Content-Type'],
        maxAge: 600,
      }),
    );
    app.get('/shelter/desk', (c) => c.redirect(deskPagePath));
    const servePage = (name: string) => {
      const file = page.get(name);
      if (file === undefined) return undefined;
      return new Response(new Uint8Array(file.body), {
        headers: {
          'content-type': file.type,
          'cache-control': 'no-store',
          // The page loads nothing from anywhere else and talks only to this origin.
          'content-security-policy':
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
        },
      });
    };
    app.get(deskPagePath, () => servePage('index.html') as Response);
    app.get(`${deskPagePath}:file`, (c) => servePage(c.req.param('file')) ?? c.notFound());
    app.route('/', shelterRoutes({ shelter: desk }));

    const server = await serveLocalApi(app, { port: options.port });
    cleanups.push(() => server.close());
    logger.info('bridge.started', { url: server.url, mode: 'shelter', terminal: credential.terminalId });
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
