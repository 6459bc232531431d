// One real backend node for the bridge tests, composed from @myna-tv/backend's public exports the way a server
// composes it: the HTTP API (createApp) and the push gateway on one port on 127.0.0.1, PGlite in a temp folder,
// a development PKI with its OCSP responder over real HTTP, a set-top box enrolled, and insurer API clients.
// Alerts posted to POST /api/v1/alerts are targeted and pushed by the real alert delivery (no shelters unless a
// test adds them).
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  type App,
  authenticateDevice,
  CertificateVerifier,
  createApiClient,
  createApp,
  createBlindIndex,
  createFieldCipher,
  createJpkiStatusSource,
  createOcspHandler,
  createPgChallengeStore,
  createPgliteDatabase,
  createPushGateway,
  type Database,
  type DevPki,
  defaultAppPolicy,
  enrolDevice,
  type FieldCipher,
  initDevPki,
  LoginVerifier,
  migrate,
  type PushGateway,
  startAlertDelivery,
  trustAnchorsFromDer,
} from '@myna-tv/backend';
import { defaultAlertIngestSettings } from '../../../backend/src/alerts/index.ts';

export type EnrolledDevice = Awaited<ReturnType<typeof enrolDevice>>;

export interface BackendNode {
  url: string;
  db: Database;
  /** The field cipher of this node (for jobs a test runs itself, e.g. the vaccination reminders). */
  cipher: FieldCipher;
  pki: DevPki;
  /** The PKI folder (holders/<id>.json for the virtual card). */
  pkiDir: string;
  gateway: PushGateway;
  /**
   * Forgets the cached revocation answers (OCSP answers are kept a few minutes, as in production), so a test
   * that revokes a certificate sees it at the next check instead of after the cache's age.
   */
  forgetRevocationStatus(): void;
  /** Errors the API reported as internal. */
  reported: unknown[];
  enrolBox(): Promise<EnrolledDevice>;
  /** An API client with the insurer role: its id and the `Authorization: Basic` header. */
  createInsurer(name: string): Promise<{ insurerId: string; headers: Record<string, string> }>;
  close(): Promise<void>;
}

/** Serves a fetch handler on 127.0.0.1, port 0. */
async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  return { server, url: `http://127.0.0.1:${port}`, close };
}

export async function startBackendNode(): Promise<BackendNode> {
  const dir = await mkdtemp(join(tmpdir(), 'myna-bridge-backend-'));
  const pkiDir = join(dir, 'dev-pki');
  const pki = await initDevPki({ dir: pkiDir });
  const ocsp = await listen(createOcspHandler(pki));
  const db = await createPgliteDatabase({ dir: join(dir, 'db') });
  await migrate(db);

  const clock = () => new Date();
  const keys = [{ id: 'test', key: new Uint8Array(32).fill(7) }];
  const cipher = createFieldCipher(keys);
  const statusSource = createJpkiStatusSource({ ocsp: { url: `${ocsp.url}/`, timeoutMs: 2000 } });
  const certificates = new CertificateVerifier({
    anchors: trustAnchorsFromDer({ sign: [pki.ca.sign.der], auth: [pki.ca.auth.der] }),
    statusSource,
    now: clock,
  });
  const login = new LoginVerifier({ certificates, challenges: createPgChallengeStore(db), now: clock });

  let app: App | undefined;
  const api = await listen((request) => (app as App).fetch(request));
  const gateway = await createPushGateway({
    httpServer: api.server,
    db,
    authenticate: (credential) => authenticateDevice(db, credential),
  });
  const reported: unknown[] = [];
  const alertDelivery = await startAlertDelivery({
    db,
    cipher,
    push: gateway,
    clock,
    defaultTtlMs: 3_600_000,
    onError: (error) => void reported.push(error),
  });
  app = createApp({
    db,
    cipher,
    blindIndex: createBlindIndex(keys, 'resident-basic-info'),
    jpki: { login, certificates },
    push: gateway,
    clock,
    getConnInfo,
    policy: defaultAppPolicy,
    reportError: (error) => void reported.push(error),
    alerts: { dispatcher: alertDelivery.dispatcher, settings: defaultAlertIngestSettings },
  });

  return {
    url: api.url,
    db,
    cipher,
    pki,
    pkiDir,
    gateway,
    forgetRevocationStatus: () => statusSource.clear(),
    reported,
    enrolBox: () =>
      enrolDevice(db, {
        cipher,
        household: {
          address: '徳島県海部郡美波町奥河内字寺前１２３番地',
          latitude: 33.7347,
          longitude: 134.5353,
          localGovernmentCode: '363871',
          machiazaId: '0001001',
          members: [{ name: 'たなか はなこ', birthYear: 1948, needsAssistance: true }],
        },
        label: 'STB bridge test',
        actor: { id: 'bridge-test', role: 'system', requestId: null },
        now: clock(),
      }),
    async createInsurer(name) {
      const { client, secret } = await createApiClient(db, {
        name,
        role: 'insurer',
        actor: { id: 'bridge-test', role: 'system', requestId: null },
        now: clock(),
      });
      const basic = Buffer.from(`${client.clientId}:${secret}`).toString('base64');
      return { insurerId: client.clientId, headers: { authorization: `Basic ${basic}` } };
    },
    async close() {
      await alertDelivery.stop();
      await gateway.close();
      await api.close();
      await ocsp.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
