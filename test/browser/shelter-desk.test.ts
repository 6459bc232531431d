// The shelter staff page in headless Chromium, served by the bridge in shelter mode, against a real backend
// behind a switchable proxy: while online the terminal caches the auth CA and CRL (from the development JPKI's
// HTTP face); then the backend goes away and staff check in a household by keyboard alone (two cards tapped,
// one child without a card entered by hand). The waiting count shows; the backend comes back, the journal
// syncs, and the occupancy (what GET /api/v1/shelters/occupancy answers) shows the household. Screenshots in test/artifacts/shelter-desk/.
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createDevPkiApp, shelterOccupancy } from '@myna-tv/backend';
import {
  loadBridgeConfig,
  loadVirtualCard,
  type RunningBridge,
  startBridge,
  VirtualReader,
} from '@myna-tv/stb-bridge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwitchableProxy, startSwitchableProxy } from '../bridge/support/switchable-proxy.ts';
import { type ShelterBackend, shelterA, startShelterBackend } from '../shelter/support/shelter-backend.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'shelter-desk');
let dir: string;
let backend: ShelterBackend;
let proxy: SwitchableProxy;
let pkiServer: ReturnType<typeof serve>;
let reader: VirtualReader;
let bridge: RunningBridge;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-shelter-desk-'));
  await mkdir(artifactDir, { recursive: true });
  backend = await startShelterBackend();
  proxy = await startSwitchableProxy(backend.url);
  pkiServer = serve({ fetch: createDevPkiApp(backend.pki).fetch, port: 0, hostname: '127.0.0.1' });
  await once(pkiServer, 'listening');
  const pkiUrl = `http://127.0.0.1:${(pkiServer.address() as AddressInfo).port}`;

  const dataDir = join(dir, 'bridge');
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, 'shelter-terminal.json'),
    JSON.stringify(await backend.enrolTerminal(shelterA)),
  );
  reader = new VirtualReader();
  const config = loadBridgeConfig({
    BRIDGE_MODE: 'shelter',
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: proxy.url,
    BRIDGE_SHELTER_TRUST_URL: pkiUrl,
    BRIDGE_PORT: '0',
  });
  bridge = await startBridge({ ...config, cardReader: reader, linkBackoff: { initialMs: 50, maxMs: 300 } });
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await reader?.close();
  if (pkiServer) await new Promise((resolve) => pkiServer.close(resolve));
  await proxy?.close();
  await backend?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cardOf = (n: number) =>
  loadVirtualCard({
    pkiDir: backend.pkiDir,
    holderId: backend.pki.holders[n]?.id as string,
    stateDir: join(dir, `card-${n}`),
  });

describe('shelter staff page', () => {
  it('checks in a household offline by keyboard, then syncs to the backend', async () => {
    // Online first: the CA and CRL are downloaded into the trust folder (the CRL's age is shown).
    await page.goto(`${bridge.url}/shelter/desk/`);
    await expect
      .poll(() => page.locator('#crl').textContent(), { timeout: 20_000 })
      .toMatch(/失効リスト \d+分前/);
    await expect.poll(() => page.locator('#link').textContent(), { timeout: 20_000 }).toBe('オンライン');

    await proxy.down();
    const [first, second] = await Promise.all([cardOf(0), cardOf(1)]);

    // Keyboard only: the page opens with the tap button focused; Enter taps.
    reader.insert(first);
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('tap');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#result').textContent()).toContain('受付しました（有効なカード）');
    reader.insert(second);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#member-count').textContent()).toBe('2');

    // A child without a card: arrow right to 「カードのない人を追加」, fill the form, submit with Enter.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.type('みなみ こども');
    // Tab to the age group (大人 checked), arrow up to 子ども.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('input[name="age"][value="child"]').isChecked()).toBe(true);
    await page.locator('#manual-name').press('Enter');
    await expect.poll(() => page.locator('#member-count').textContent()).toBe('3');
    await expect.poll(() => page.locator('#link').textContent(), { timeout: 20_000 }).toContain('オフライン');
    // 2 taps + the hand entry (who) + its check-in, all on the terminal's disk, none at the backend yet.
    await expect.poll(() => page.locator('#waiting').textContent()).toBe('送信待ち 4件');
    expect(await backend.peopleAt(shelterA)).toBe(0);
    await page.screenshot({ path: join(artifactDir, 'offline-household.png'), fullPage: true });

    await proxy.up();
    await expect.poll(() => page.locator('#waiting').textContent(), { timeout: 30_000 }).toBe('送信待ち 0件');
    await expect.poll(() => page.locator('#link').textContent()).toBe('オンライン');
    await page.screenshot({ path: join(artifactDir, 'synced.png'), fullPage: true });
    // What GET /api/v1/shelters/occupancy answers (checkin-routes.ts calls this; operator login is not wired
    // in the bridge tests' backend node).
    const rows = await shelterOccupancy(backend.db, { localGovernmentCode: null });
    const row = rows.find((r) => r.shelterId === shelterA);
    expect(row).toMatchObject({ people: 3, households: 1 });
  }, 120_000);
});
