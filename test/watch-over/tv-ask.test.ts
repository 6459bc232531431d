// The お変わりありませんか ask in headless Chromium, end to end: a real backend (startBackend), a box enrolled for
// a household whose consent asks at the present minute, the real bridge and the TV app (e2e build). The ask
// comes over the screen with the green button's 「元気です」; the green button answers it, the thanks follow,
// and the answer and the page's own key presses (counts only) reach the backend. Screenshots in
// test/artifacts/watch-over/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFieldCipher, enrolDevice, loadConfig, loadFieldKeys, putConsent } from '@myna-tv/backend';
import {
  loadBridgeConfig,
  type RunningBridge,
  startBridge,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Backend, startBackend } from '../../backend/src/server/index.ts';
import { e2eTvAppDir } from '../../tv-app/build/build-tv-app.ts';
import { type Chromium, launchChromium } from '../browser/support/chromium.ts';
import { type StaticServer, serveStatic } from '../browser/support/static-server.ts';
import { poll, press, tvAppUrl, tvState, visible, waitForTv } from '../browser/support/tv-page.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'watch-over');

let workDir: string;
let server: StaticServer;
let backend: Backend;
let deviceId: string;
let bridge: RunningBridge | undefined;
let browser: Chromium;
let page: Page;
const reader = new VirtualReader();

/** The present minute in Japan time, 'HH:MM': the ask is due at once. */
function presentMinute(): string {
  const japan = new Date(Date.now() + 9 * 3_600_000);
  return japan.toISOString().slice(11, 16);
}

const activity = async () =>
  (
    await backend.db.query<{ presses: number; answers: number }>(
      'SELECT sum(presses)::int AS presses, sum(answers)::int AS answers FROM watch_over_activity WHERE device_id = $1',
      [deviceId],
    )
  )[0];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'myna-tv-ask-'));
  const distDir = await e2eTvAppDir();
  const config = loadConfig({ DATA_DIR: join(workDir, 'data'), PORT: '0', LOG_LEVEL: 'silent' });
  backend = await startBackend({ config });
  const cipher = createFieldCipher(await loadFieldKeys(config));
  const box = await enrolDevice(backend.db, {
    cipher,
    household: {
      address: '徳島県海部郡美波町奥河内字寺前１２３番地',
      latitude: 33.7347,
      longitude: 134.5353,
      localGovernmentCode: '363871',
      machiazaId: '0001001',
      members: [{ name: 'たなか はなこ', birthYear: 1948, needsAssistance: false }],
    },
    label: 'TV ask test',
    actor: { id: 'tv-ask-test', role: 'system', requestId: null },
    now: new Date(),
  });
  deviceId = box.deviceId;
  await putConsent(backend.db, cipher, {
    householdId: box.householdId,
    input: {
      agreedBy: 'たなか はなこ',
      askTimes: [presentMinute()],
      contacts: [{ name: 'たなか いちろう', phone: '090-1234-5678' }],
    },
    actor: {
      id: 'staff',
      municipality: '363871',
      audit: { id: 'staff', role: 'municipality-staff', requestId: null },
    },
    defaultQuietHours: 24,
    now: new Date(),
  });
  server = await serveStatic({ dir: distDir, base: '/tv/' });
  const dataDir = join(workDir, 'bridge');
  await mkdir(dataDir);
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
  const bridgeConfig = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: backend.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: server.origin,
  });
  bridge = await startBridge({ ...bridgeConfig, cardReader: reader, watchOverSendEveryMs: 1000 });
  // The bridge has heard the schedule from the backend before the TV app asks it.
  await vi.waitFor(
    async () => {
      const response = await fetch(`${bridge?.url}/watch-over/schedule`, {
        headers: { origin: server.origin },
      });
      expect(((await response.json()) as { enrolled: boolean }).enrolled).toBe(true);
    },
    { timeout: 30_000 },
  );
  await mkdir(artifactDir, { recursive: true });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(tvAppUrl(server.origin, bridge.url));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await reader.close();
  await server?.close();
  await backend?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('TV app: お変わりありませんか', { timeout: 120_000 }, () => {
  it('asks at the chosen time; the green button answers; answer and key counts reach the backend', async () => {
    await waitForTv(page, { overlay: 'watch-over-ask' }, 60_000);
    await visible(page, 'お変わりありませんか');
    await poll(async () => (await tvState(page)).spoken.join('')).toContain('緑のボタンを押してください');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(artifactDir, 'ask.png') });
    // Keys other than the answer leave the ask on screen (and count as presses).
    await press(page, 'down', 'red');
    expect((await tvState(page)).overlay).toBe('watch-over-ask');
    await press(page, 'green');
    await waitForTv(page, { overlay: 'watch-over-thanks' });
    await visible(page, 'ありがとうございます');
    await page.screenshot({ path: join(artifactDir, 'thanks.png') });
    await vi.waitFor(async () => expect(await activity()).toMatchObject({ answers: 1 }), { timeout: 20_000 });
    // The page reports its own keys (down, red, green) a few seconds later, as a count.
    await vi.waitFor(async () => expect((await activity())?.presses).toBeGreaterThanOrEqual(3), {
      timeout: 30_000,
    });
    await press(page, 'ok');
    await waitForTv(page, { overlay: null });
  });
});
