// The shelter staff page and the dashboard end to end in headless Chromium: a whole backend (town-backend.ts:
// the development JPKI at /dev-jpki, operator sessions, the ops dashboard, the demo town seeded) behind a relay that
// can cut it, a terminal enrolled to one of the town's shelters, and the bridge in shelter mode serving the
// staff page. While online the terminal caches the auth CA and CRL; then the backend goes away and staff check
// in a household by keyboard alone (two cards tapped, a child without a card entered by hand). The waiting
// count shows; the backend comes back, the journal syncs, and the town's dashboard (a second page, logged in as
// the town's staff) shows the household at the shelter. Screenshots in test/artifacts/shelter-desk/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HolderProfile, loadDevPki } from '@myna-tv/backend';
import {
  enrolShelterTerminal,
  loadBridgeConfig,
  loadVirtualCard,
  type RunningBridge,
  startBridge,
  VirtualReader,
} from '@myna-tv/stb-bridge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/src/server/index.ts';
import { type SwitchableProxy, startSwitchableProxy } from '../bridge/support/switchable-proxy.ts';
import { startTownBackend } from '../shelter/support/town-backend.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'shelter-desk');
const demoPassword = 'minami-demo-2026';

let dir: string;
let pkiDir: string;
let holders: HolderProfile[];
let backend: Backend;
let proxy: SwitchableProxy;
let shelterId: string;
let reader: VirtualReader;
let bridge: RunningBridge;
let browser: Chromium;
/** The staff page on the terminal. */
let desk: Page;
/** The ops dashboard, logged in as the town's staff. */
let ops: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-shelter-desk-'));
  await mkdir(artifactDir, { recursive: true });
  const town = await startTownBackend(dir);
  ({ backend, shelterId } = town);
  pkiDir = town.config.jpkiPkiDir;
  holders = (await loadDevPki(pkiDir)).holders;
  proxy = await startSwitchableProxy(backend.url);

  // Enrolled as an installer would: the operator admin's login, the credential file the terminal reads.
  const dataDir = join(dir, 'terminal');
  await enrolShelterTerminal({
    backendUrl: proxy.url,
    loginName: 'demo-admin',
    password: demoPassword,
    shelterId,
    label: '受付1',
    credentialFile: join(dataDir, 'shelter-terminal.json'),
  });
  reader = new VirtualReader();
  const bridgeConfig = loadBridgeConfig({
    BRIDGE_MODE: 'shelter',
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: proxy.url,
    BRIDGE_PORT: '0',
  });
  bridge = await startBridge({
    ...bridgeConfig,
    cardReader: reader,
    linkBackoff: { initialMs: 50, maxMs: 300 },
  });
  browser = await launchChromium();
  desk = browser.context.pages()[0] ?? (await browser.context.newPage());
  ops = await browser.context.newPage();
  await ops.goto(`${backend.url}/ops/`);
  await ops.getByLabel('ログイン名').fill('demo-town');
  await ops.getByLabel('パスワード').fill(demoPassword);
  await ops.getByRole('button', { name: 'ログイン' }).click();
  await ops.getByRole('link', { name: '避難所' }).click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await reader?.close();
  await proxy?.close();
  await backend?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cardOf = (n: number) =>
  loadVirtualCard({ pkiDir, holderId: holders[n]?.id as string, stateDir: join(dir, `card-${n}`) });

const shown = (column: 'people' | 'households') =>
  ops.locator(`tr[data-shelter="${shelterId}"] td[data-${column}]`).textContent();

describe('shelter staff page and dashboard', () => {
  it('checks in a household offline by keyboard; after the sync the dashboard shows the occupancy', async () => {
    // The enrolled shelter is listed at 0 people before anyone arrives.
    await expect.poll(() => shown('people'), { timeout: 20_000 }).toBe('0');

    // Online first: the CA and CRL are downloaded into the trust folder (the CRL's age is shown).
    await desk.goto(`${bridge.url}/shelter/desk/`);
    await expect
      .poll(() => desk.locator('#crl').textContent(), { timeout: 30_000 })
      .toMatch(/失効リスト \d+分前/);
    await expect.poll(() => desk.locator('#link').textContent(), { timeout: 30_000 }).toBe('オンライン');

    await proxy.down();
    const [first, second] = await Promise.all([cardOf(0), cardOf(1)]);

    // Keyboard only: the page opens with the tap button focused; Enter taps.
    reader.insert(first);
    await expect.poll(() => desk.locator(':focus').getAttribute('id')).toBe('tap');
    await desk.keyboard.press('Enter');
    await expect
      .poll(() => desk.locator('#result').textContent(), { timeout: 20_000 })
      .toContain('受付しました（有効なカード）');
    reader.insert(second);
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.locator('#member-count').textContent(), { timeout: 20_000 }).toBe('2');

    // A child without a card: arrow right to 「カードのない人を追加」, fill the form, submit with Enter.
    await desk.keyboard.press('ArrowRight');
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('みなみ こども');
    // Tab to the age group (大人 checked), arrow up to 子ども.
    await desk.keyboard.press('Tab');
    await desk.keyboard.press('ArrowUp');
    expect(await desk.locator('input[name="age"][value="child"]').isChecked()).toBe(true);
    await desk.locator('#manual-name').press('Enter');
    await expect.poll(() => desk.locator('#member-count').textContent(), { timeout: 20_000 }).toBe('3');
    await expect.poll(() => desk.locator('#link').textContent(), { timeout: 30_000 }).toContain('オフライン');
    // 2 taps + the hand entry (who) + its check-in, all on the terminal's disk, none at the backend yet.
    await expect.poll(() => desk.locator('#waiting').textContent()).toBe('送信待ち 4件');
    await desk.screenshot({ path: join(artifactDir, 'offline-household.png'), fullPage: true });
    // The dashboard still answers (only the terminal's link is cut) and shows nobody yet.
    await ops.waitForTimeout(6_000);
    expect(await shown('people')).toBe('0');

    await proxy.up();
    await expect.poll(() => desk.locator('#waiting').textContent(), { timeout: 60_000 }).toBe('送信待ち 0件');
    // The link turns online once the pass that sent the last batch ends (after its state file is written), so a
    // refresh of the page (every 2 s) can show 0 waiting while still offline: the next one shows it online.
    await expect.poll(() => desk.locator('#link').textContent(), { timeout: 10_000 }).toBe('オンライン');
    await desk.screenshot({ path: join(artifactDir, 'synced.png'), fullPage: true });

    // The dashboard's next poll (every 5 s) shows the household, without a reload.
    await expect.poll(() => shown('people'), { timeout: 30_000 }).toBe('3');
    expect(await shown('households')).toBe('1');
    const row = ops.locator(`tr[data-shelter="${shelterId}"]`);
    expect(await row.textContent()).toContain('開設');
    expect(await row.textContent()).toContain('8%'); // 3 of 40
    await ops.screenshot({ path: join(artifactDir, 'dashboard-occupancy.png'), fullPage: true });
  }, 240_000);
});
