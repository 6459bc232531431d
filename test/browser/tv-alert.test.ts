// A disaster alert from the town's system to the TV and the answer back to the town's dashboard, end to end in
// headless Chromium: a real backend (startBackend: alert ingest, dispatch per household, rendered push, tallies,
// the ops dashboard built and served at /ops/, the demo town seeded), a box enrolled for a household that asked
// for English, the real bridge, and the TV app (e2e build). Every alert is a CAP 1.2 message posted to
// POST /api/v1/alerts by the town's alert-publisher client. An alert comes over the TV picture in its 警戒レベル
// colour with the alarm, the Japanese spoken and the English under it; a colour button answers it, and the
// dashboard (a second page, logged in as the town's staff) shows the count change. A Test alert never reaches
// the box; an exercise is marked 訓練 and fits at the largest text size; an unanswered alert comes back after
// the bridge and the app restart; an Update replaces it; a Cancel shows a short notice. Screenshots in
// test/artifacts/tv-alert/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFieldCipher, enrolDevice, loadConfig, loadFieldKeys, seedDemo } from '@myna-tv/backend';
import {
  createJsonLogger,
  loadBridgeConfig,
  type RunningBridge,
  startBridge,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpsDashboard } from '../../backend/ops/build-ops.ts';
import { type Backend, startBackend } from '../../backend/src/server/index.ts';
import { e2eTvAppDir } from '../../tv-app/build/build-tv-app.ts';
import { type AlertPublisher, alertPublisher } from '../bridge/support/published-alerts.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';
import { logInToOps } from './support/ops-backend.ts';
import { auditScreen } from './support/screen-audit.ts';
import { type StaticServer, serveStatic } from './support/static-server.ts';
import { poll, press, tvAppUrl, tvState, visible, waitForTv } from './support/tv-page.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'tv-alert');

let workDir: string;
let server: StaticServer;
let backend: Backend;
let publisher: AlertPublisher;
let householdId: string;
let bridge: RunningBridge | undefined;
let bridgeConfig: ReturnType<typeof loadBridgeConfig>;
let browser: Chromium;
/** The TV app. */
let page: Page;
/** The ops dashboard, logged in as the town's staff. */
let ops: Page;
const reader = new VirtualReader();
const bridgeLogs: string[] = [];

interface HookAlert {
  seq: number;
  phase: string;
  level: number | null;
  color: string;
  title: string;
}

const appUrl = () => tvAppUrl(server.origin, bridge?.url ?? '');

async function startBox(port = 0): Promise<void> {
  bridge = await startBridge({
    ...bridgeConfig,
    port,
    cardReader: reader,
    logger: createJsonLogger({ write: (line) => bridgeLogs.push(line), level: 'debug' }),
    linkBackoff: { initialMs: 50, maxMs: 200 },
  });
}

async function shoot(name: string, on: Page = page): Promise<void> {
  // The stage draws new texts a little after they are laid out (more on a loaded machine): for the picture only.
  if (on === page) await page.waitForTimeout(2000);
  await on.screenshot({ path: join(artifactDir, `${name}.png`), fullPage: on !== page });
}

async function hookAlert(): Promise<HookAlert | null> {
  return ((await tvState(page)) as unknown as { alert: HookAlert | null }).alert;
}

async function alarms(): Promise<number> {
  return ((await tvState(page)) as unknown as { alarms: string[] }).alarms.length;
}

const response = (thread: string) => publisher.response(thread, householdId);

/** The number a count shows on the dashboard's alert page. */
const shownCount = async (key: string) =>
  Number(await ops.locator(`.counts [data-count="${key}"] dd`).textContent());

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'myna-tv-alert-'));
  const [opsDir, distDir] = await Promise.all([
    buildOpsDashboard({ outDir: join(workDir, 'ops') }),
    e2eTvAppDir(),
  ]);
  const config = loadConfig({
    DATA_DIR: join(workDir, 'data'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    OPS_APP_DIR: opsDir,
  });
  backend = await startBackend({ config });
  const cipher = createFieldCipher(await loadFieldKeys(config));
  // The town's shelters and staff accounts, and a few households around.
  await seedDemo(backend.db, {
    cipher,
    now: new Date(),
    householdCount: 5,
    boxes: { has: async () => false, keep: async () => {} },
  });
  // The test's household in 日和佐: an elderly viewer who asked for English and agreed to be named.
  const box = await enrolDevice(backend.db, {
    cipher,
    household: {
      address: '徳島県海部郡美波町奥河内字寺前１２３番地',
      latitude: 33.7347,
      longitude: 134.5353,
      localGovernmentCode: '363871',
      machiazaId: '0001001',
      members: [{ name: 'たなか はなこ', birthYear: 1948, needsAssistance: true }],
      needs: { elderly: true, mobility: false, hearing: false, visual: false, welfareShelter: false },
      language: 'en',
      namesConsent: true,
    },
    label: 'TV alert test',
    actor: { id: 'tv-alert-test', role: 'system', requestId: null },
    now: new Date(),
  });
  householdId = box.householdId;
  publisher = await alertPublisher(backend);
  server = await serveStatic({ dir: distDir, base: '/tv/' });
  const dataDir = join(workDir, 'bridge');
  await mkdir(dataDir);
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
  bridgeConfig = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: backend.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: server.origin,
  });
  await startBox();
  await mkdir(artifactDir, { recursive: true });
  browser = await launchChromium();
  page = await browser.context.newPage();
  ops = await browser.context.newPage();
  await ops.goto(`${backend.url}/ops/`);
  await logInToOps(ops, 'demo-town');
  await ops.getByRole('link', { name: '避難情報' }).waitFor();
  await page.goto(appUrl());
  await waitForTv(page, { route: '/', screen: 'くらしの窓口' }, 60_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await reader.close();
  await server?.close();
  await backend?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('TV app: disaster alerts', { timeout: 240_000 }, () => {
  it('takes an alert from POST /api/v1/alerts to the TV; the viewer answers and the dashboard counts it', async () => {
    await press(page, 'back');
    await waitForTv(page, { route: '/tv', screen: 'テレビ放送' });
    const spokenBefore = (await tvState(page)).spoken.length;
    const alarmsBefore = await alarms();

    const level4 = await publisher.issue({ level: 4 });
    expect(level4).toMatchObject({ outcome: 'new', state: 'in-force' });
    expect(level4.targeted).toBeGreaterThanOrEqual(1);
    // The town's staff open the alert on the dashboard before anyone answers.
    await ops.goto(`${backend.url}/ops/#/alerts/${level4.id}`);
    await poll(() => shownCount('targeted')).toBe(level4.targeted);
    const answeredBefore = await shownCount('answered');
    const evacuatingBefore = await shownCount('evacuating');

    await poll(hookAlert).toMatchObject({ seq: level4.pushSeq, phase: 'alert', level: 4, color: '#8b008b' });
    expect(await tvState(page)).toMatchObject({ route: '/tv', overlay: 'alert' });
    await visible(page, '【警戒レベル4】避難指示');
    await visible(page, 'たなかさん');
    await visible(page, '避難所にいる');
    // The household asked for English: the English text under the Japanese.
    await visible(page, 'Evacuation order');
    const spoken = (await tvState(page)).spoken.slice(spokenBefore);
    expect(spoken[0]).toBe('緊急速報');
    expect(spoken.join('')).toContain('避難指示');
    expect(await alarms()).toBe(alarmsBefore + 1);
    // The assigned shelter's direction as an arrow; the answers wear the remote's colours.
    expect(await page.locator('[data-role="alert-direction"]').count()).toBe(1);
    const answers = await page
      .locator('[data-role="alert-answer"]')
      .evaluateAll((nodes) =>
        nodes.map((node) => (node as unknown as { dataset: Record<string, string> }).dataset.label),
      );
    expect(answers).toEqual(['無事', '避難中', '避難所にいる', '助けが必要']);
    await shoot('alert-level4-over-tv');
    expect((await auditScreen(page)).failures).toEqual([]);
    // The backend learns it was shown, and so does the dashboard.
    await poll(() => response(level4.thread)).toEqual({ answer: null, shown: true });
    await poll(() => shownCount('shown')).toBeGreaterThanOrEqual(1);

    // Keys other than the colour buttons do not reach the TV picture behind, nor close the alert.
    await press(page, 'back', 'ok', 'home');
    await page.waitForTimeout(300);
    expect(await tvState(page)).toMatchObject({ route: '/tv', overlay: 'alert' });

    await press(page, 'green');
    await poll(hookAlert).toMatchObject({
      seq: level4.pushSeq,
      phase: 'sent',
      title: '「避難中」とお伝えしました。',
    });
    await visible(page, '「避難中」とお伝えしました。');
    await shoot('alert-answered');
    await poll(() => response(level4.thread)).toEqual({ answer: 'evacuating', shown: true });
    // The dashboard's counts move on their next poll.
    await poll(() => shownCount('answered')).toBe(answeredBefore + 1);
    expect(await shownCount('evacuating')).toBe(evacuatingBefore + 1);
    await shoot('dashboard-answer-counted', ops);
    // The confirmation closes by itself; the TV picture is back.
    await waitForTv(page, { route: '/tv', overlay: null }, 30_000);
    expect(await hookAlert()).toBeNull();
  });

  it('never shows a Test alert; marks an exercise 訓練 at the largest text size; updates and cancels it', async () => {
    // The very large text setting, from the yellow button on the TV picture.
    await press(page, 'yellow', 'yellow');
    await poll(async () => (await tvState(page)).spoken.slice(-1)[0]).toBe('文字の大きさ：とても大きい');
    await press(page, 'ok');
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });

    // A Test message is stored and never pushed: nothing of it reaches the box.
    const test = await publisher.issue({ status: 'Test', level: 5 });
    expect(test).toMatchObject({ state: 'not-for-viewers', pushSeq: null });
    const drill = await publisher.issue({ status: 'Exercise', level: 5 });
    await poll(hookAlert).toMatchObject({ seq: drill.pushSeq, level: 5, color: '#000000' });
    expect(await tvState(page)).toMatchObject({ route: '/', overlay: 'alert' });
    expect((await tvState(page)).spoken).toContain('これは訓練です');
    expect(await page.locator('[data-role="alert-exercise"]').count()).toBe(1);
    await visible(page, '【訓練】');
    await shoot('alert-exercise-level5-very-large');
    expect((await auditScreen(page)).failures).toEqual([]);
    const listed = await fetch(`${bridge?.url}/alerts`, { headers: { origin: server.origin } });
    expect(((await listed.json()) as { alerts: { seq: number }[] }).alerts.map((a) => a.seq)).toEqual([
      drill.pushSeq,
    ]);

    // Unanswered, it comes back after the bridge restarts (the app reconnects) and after the app restarts.
    const port = bridge?.port ?? 0;
    await bridge?.close();
    await startBox(port);
    await page.reload();
    await waitForTv(page, { route: '/' }, 60_000);
    await poll(hookAlert).toMatchObject({ seq: drill.pushSeq, phase: 'alert' });

    // An Update of the thread replaces the alert on screen.
    const update = await publisher.update(drill, { status: 'Exercise', level: 4 });
    expect(update).toMatchObject({ thread: drill.thread, outcome: 'updated' });
    await poll(hookAlert).toMatchObject({ seq: update.pushSeq, level: 4, color: '#8b008b' });
    await visible(page, '【訓練】【警戒レベル4】避難指示');

    await press(page, 'red');
    await poll(() => response(drill.thread)).toEqual({ answer: 'safe', shown: true });
    await press(page, 'ok');
    await waitForTv(page, { route: '/', overlay: null });

    // The exercise is withdrawn: a short notice, closed with OK.
    const cancel = await publisher.cancel(update, { status: 'Exercise', level: 4 });
    expect(cancel).toMatchObject({ thread: drill.thread, outcome: 'cancelled' });
    await poll(hookAlert).toMatchObject({ seq: cancel.pushSeq, phase: 'notice' });
    await visible(page, '取り消されました');
    await shoot('alert-cancel-notice');
    await press(page, 'ok');
    await waitForTv(page, { route: '/', overlay: null });
  });
});
