// The running system the 現況届 browser tests drive: the TV app (e2e build) served on 127.0.0.1, a real backend
// node with an insurer and its contracts with the dev-PKI holder (due this month), a relay in front of it that
// can cut the backend off, the real bridge, the holder's virtual card reached through a private pcscd + vpcd
// (as a USB reader would be), the card registered on the box, and headless Chromium.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HolderProfile } from '@myna-tv/backend';
import {
  createJsonLogger,
  loadBridgeConfig,
  loadVirtualCard,
  PcscReader,
  type RunningBridge,
  startBridge,
  type VirtualJpkiCard,
  type VirtualReader,
  VpcdLink,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import { expect, vi } from 'vitest';
import { pulledAfterVerify } from '../../../stb-bridge/src/reports/testing/signing-test-card.ts';
import { e2eTvAppDir } from '../../../tv-app/build/build-tv-app.ts';
import { type BackendNode, startBackendNode } from '../../bridge/support/backend-node.ts';
import { type SwitchableProxy, startSwitchableProxy } from '../../bridge/support/switchable-proxy.ts';
import { startPcscd } from '../../support/pcscd.ts';
import { type Chromium, launchChromium } from './chromium.ts';
import { type StaticServer, serveStatic } from './static-server.ts';
import { tvAppUrl } from './tv-page.ts';

export const insurerName = 'みなみ年金基金';

export interface ReportRig {
  workDir: string;
  /** The e2e build of the TV app. */
  distDir: string;
  server: StaticServer;
  backend: BackendNode;
  /** Between the bridge and the backend: `down()` makes the backend unreachable. */
  proxy: SwitchableProxy;
  bridge: RunningBridge;
  browser: Chromium;
  holder: HolderProfile;
  /** Every line the bridge logged. */
  bridgeLogs: string[];
  /** The TV app's address (see `tvAppUrl`: Canvas 2D unless told WebGL), optionally with a shorter idle time. */
  appUrl(options?: { idleMs?: number; render?: 'webgl' | 'canvas' }): string;
  /** A call to the insurer API (`/api/v1` + path) with the insurer's credential. */
  insurerCall(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<Response>;
  /** A call to the bridge's local API, from the TV app's origin. */
  bridgeCall(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
  /** The reports the insurer holds, oldest first. */
  insurerReports(): Promise<{ reportId: string; receiptNumber: string; referenceNumber: string }[]>;
  /** Takes the card off the reader and puts it back fresh (security state cleared), as a viewer would. */
  reinsertCard(): Promise<void>;
  /** Puts the card back so that it is pulled right after the next accepted VERIFY with a secret. */
  insertPulledAfterVerify(): Promise<void>;
  close(): Promise<void>;
}

/** The month in Japan now: the contracts are due this month, so their reports are open. */
function japanMonth(): number {
  return new Date(Date.now() + 9 * 3600_000).getUTCMonth() + 1;
}

/** `EYYYYMMDD` (era digit, then the Gregorian date) → `YYYY-MM-DD`. */
const isoBirthDate = (certDate: string) =>
  `${certDate.slice(1, 5)}-${certDate.slice(5, 7)}-${certDate.slice(7, 9)}`;

/** Starts everything, with one contract per reference number; `name` names the temp folder. */
export async function startReportRig(name: string, referenceNumbers: string[]): Promise<ReportRig> {
  const workDir = await mkdtemp(join(tmpdir(), `myna-tv-${name}-`));
  const [backend, pcscd, distDir] = await Promise.all([startBackendNode(), startPcscd(), e2eTvAppDir()]);
  const server = await serveStatic({ dir: distDir, base: '/tv/' });
  const proxy = await startSwitchableProxy(backend.url);

  // The insurer: an API client with its profile (the default form: alive, address, bank account) and the
  // contracts with the holder.
  const holder = backend.pki.holders.find((entry) => entry.id === 'tanaka-hanako');
  if (!holder) throw new Error('the development PKI has no tanaka-hanako');
  const insurer = await backend.createInsurer(insurerName);
  const insurerCall = (method: 'GET' | 'PUT', path: string, body?: unknown) =>
    fetch(`${backend.url}/api/v1${path}`, {
      method,
      headers: { ...insurer.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  expect(
    (await insurerCall('PUT', '/insurer/profile', { displayName: insurerName, endpoint: null })).status,
  ).toBe(200);
  const { basicInfo } = holder;
  for (const reference of referenceNumbers) {
    const contract = await insurerCall('PUT', `/insurer/contracts/${reference}`, {
      dueMonth: japanMonth(),
      holder: {
        name: basicInfo.name,
        dateOfBirth: isoBirthDate(basicInfo.dateOfBirth),
        gender: ({ '1': 'male', '2': 'female', '3': 'unknown' } as const)[basicInfo.gender],
        address: basicInfo.address,
      },
    });
    expect(contract.status).toBe(201);
  }

  // The card on a reader through pcscd, and the bridge reading it.
  process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;
  const reader = await PcscReader.open();
  const card: VirtualJpkiCard = await loadVirtualCard({
    holderId: holder.id,
    pkiDir: backend.pkiDir,
    stateDir: join(workDir, 'card'),
  });
  const link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
  const box = await backend.enrolBox();
  const dataDir = join(workDir, 'bridge');
  await mkdir(dataDir);
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
  const bridgeLogs: string[] = [];
  const bridge = await startBridge({
    ...loadBridgeConfig({
      BRIDGE_DATA_DIR: dataDir,
      BRIDGE_BACKEND_URL: proxy.url,
      BRIDGE_PORT: '0',
      BRIDGE_ALLOWED_ORIGINS: server.origin,
    }),
    cardReader: reader,
    logger: createJsonLogger({ write: (line) => bridgeLogs.push(line), level: 'debug' }),
    linkBackoff: { initialMs: 50, maxMs: 200 },
  });
  const bridgeCall = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${bridge.url}${path}`, {
      method,
      headers: {
        origin: server.origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  const cardFound = () =>
    vi.waitFor(async () => expect((await bridgeCall('GET', '/card')).json).toMatchObject({ card: 'jpki' }), {
      timeout: 15_000,
      interval: 50,
    });
  const cardGone = () =>
    vi.waitFor(
      async () => expect((await bridgeCall('GET', '/card')).json).not.toMatchObject({ card: 'jpki' }),
      {
        timeout: 15_000,
        interval: 50,
      },
    );
  link.insert();
  await cardFound();

  // The resident registered this card on the box before (the first-time registration is tv-app.test.ts's).
  const registered = await bridgeCall('POST', '/register', { password: holder.password, pin: holder.pin });
  expect(registered.status).toBe(201);
  expect((await bridgeCall('POST', '/logout')).status).toBe(200);

  const browser = await launchChromium();
  return {
    workDir,
    distDir,
    server,
    backend,
    proxy,
    bridge,
    browser,
    holder,
    bridgeLogs,
    appUrl: (options) => tvAppUrl(server.origin, bridge.url, options),
    insurerCall,
    bridgeCall,
    async insurerReports() {
      const response = await insurerCall('GET', '/insurer/reports');
      expect(response.status).toBe(200);
      return ((await response.json()) as { reports: Awaited<ReturnType<ReportRig['insurerReports']>> })
        .reports;
    },
    async reinsertCard() {
      await link.remove();
      await cardGone();
      link.insert(card);
      await cardFound();
    },
    async insertPulledAfterVerify() {
      await link.remove();
      await cardGone();
      // The wrapper pulls the card through its reader; here that is the vpcd link.
      const pulling = { remove: () => void link.remove() } as unknown as VirtualReader;
      link.insert(pulledAfterVerify(card, () => pulling));
      await cardFound();
    },
    async close() {
      await browser.close();
      await bridge.close();
      await link.remove().catch(() => {});
      await reader.close();
      await pcscd.stop();
      await proxy.close();
      await server.close();
      await backend.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
