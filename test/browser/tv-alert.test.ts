// A disaster alert on the TV app in headless Chromium (e2e build), end to end on the box side: a real backend
// node (push gateway, alert tables, POST /api/v1/alert-responses), the real bridge, and the app. An alert
// pushed while the viewer watches TV comes over the picture in its 警戒レベル colour, with the alarm and the text
// spoken; a colour button answers it and the backend has the answer; the screen behind comes back. A Test
// alert never shows; an exercise is marked 訓練 and fits at the largest text size; an unanswered alert comes
// back after the bridge and the app restart; a cancel shows a short notice. Screenshots in test/artifacts/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertPayload } from '@myna-tv/disaster';
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
import { alertPayload } from '../../stb-bridge/src/alerts/testing/alert-fixtures.ts';
import { buildTvApp } from '../../tv-app/build/build-tv-app.ts';
import { type BackendNode, startBackendNode } from '../bridge/support/backend-node.ts';
import { type AlertDelivery, alertDelivery } from '../bridge/support/delivered-alerts.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';
import { auditScreen } from './support/screen-audit.ts';
import { type StaticServer, serveStatic } from './support/static-server.ts';
import { poll, press, tvState, visible, waitForTv } from './support/tv-page.ts';

const artifactDir = join(import.meta.dirname, '..', 'artifacts', 'tv-alert');

let workDir: string;
let server: StaticServer;
let backend: BackendNode;
let delivery: AlertDelivery;
let bridge: RunningBridge | undefined;
let bridgeConfig: ReturnType<typeof loadBridgeConfig>;
let browser: Chromium;
let page: Page;
const reader = new VirtualReader();
const bridgeLogs: string[] = [];

interface HookAlert {
  seq: number;
  phase: string;
  level: number | null;
  color: string;
  title: string;
}

const appUrl = () => `${server.origin}/tv/?bridge=${encodeURIComponent(bridge?.url ?? '')}#/`;

async function startBox(port = 0): Promise<void> {
  bridge = await startBridge({
    ...bridgeConfig,
    port,
    cardReader: reader,
    logger: createJsonLogger({ write: (line) => bridgeLogs.push(line), level: 'debug' }),
    linkBackoff: { initialMs: 50, maxMs: 200 },
  });
}

async function shoot(name: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(artifactDir, `${name}.png`) });
}

async function hookAlert(): Promise<HookAlert | null> {
  return ((await tvState(page)) as unknown as { alert: HookAlert | null }).alert;
}

async function alarms(): Promise<number> {
  return ((await tvState(page)) as unknown as { alarms: string[] }).alarms.length;
}

/** A fresh thread (alerts.thread is a uuid). */
function payload(patch: Partial<AlertPayload> = {}): AlertPayload {
  return alertPayload({ thread: crypto.randomUUID(), ...patch });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'myna-tv-alert-'));
  const distDir = join(workDir, 'dist');
  [backend] = await Promise.all([startBackendNode(), buildTvApp({ mode: 'e2e', outDir: distDir })]);
  server = await serveStatic({ dir: distDir, base: '/tv/' });
  const box = await backend.enrolBox();
  delivery = alertDelivery(backend, box.householdId);
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
  await page.goto(appUrl());
  await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await reader.close();
  await server?.close();
  await backend?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('TV app: disaster alerts', { timeout: 120_000 }, () => {
  it('shows an alert over the TV picture with its level colour, alarm and speech; a colour button answers it', async () => {
    await press(page, 'back');
    await waitForTv(page, { route: '/tv', screen: 'テレビ放送' });
    const spokenBefore = (await tvState(page)).spoken.length;
    const alarmsBefore = await alarms();

    const level4 = payload({ level: 4 });
    const message = await delivery.deliver(level4);
    await poll(hookAlert).toMatchObject({ seq: message.seq, phase: 'alert', level: 4, color: '#8b008b' });
    expect(await tvState(page)).toMatchObject({ route: '/tv', overlay: 'alert' });
    await visible(page, '避難指示');
    await visible(page, '避難所にいる');
    const spoken = (await tvState(page)).spoken.slice(spokenBefore);
    expect(spoken).toEqual(
      expect.arrayContaining(['緊急速報', level4.ja.title, level4.ja.action, level4.ja.place as string]),
    );
    expect(await alarms()).toBe(alarmsBefore + 1);
    // The arrow points north-east, and the answers wear the remote's colours.
    expect(await page.locator('[data-role="alert-direction"]').count()).toBe(1);
    const answers = await page
      .locator('[data-role="alert-answer"]')
      .evaluateAll((nodes) =>
        nodes.map((node) => (node as unknown as { dataset: Record<string, string> }).dataset.label),
      );
    expect(answers).toEqual(['無事', '避難中', '避難所にいる', '助けが必要']);
    await shoot('alert-level4-over-tv');
    expect((await auditScreen(page)).failures).toEqual([]);
    // The backend learns it was shown.
    await poll(() => delivery.response(level4.thread)).toEqual({ answer: null, shown: true });

    // Keys other than the colour buttons do not reach the TV picture behind, nor close the alert.
    await press(page, 'back', 'ok', 'home');
    await page.waitForTimeout(300);
    expect(await tvState(page)).toMatchObject({ route: '/tv', overlay: 'alert' });

    await press(page, 'green');
    await poll(hookAlert).toMatchObject({
      seq: message.seq,
      phase: 'sent',
      title: '「避難中」とお伝えしました。',
    });
    await visible(page, '「避難中」とお伝えしました。');
    await shoot('alert-answered');
    await poll(() => delivery.response(level4.thread)).toEqual({ answer: 'evacuating', shown: true });
    // The confirmation closes by itself; the TV picture is back.
    await waitForTv(page, { route: '/tv', overlay: null }, 30_000);
    expect(await hookAlert()).toBeNull();
  });

  it('never shows a Test alert; marks an exercise 訓練 at the largest text size; a cancel shows a notice', async () => {
    // The very large text setting, from the yellow button on the TV picture.
    await press(page, 'yellow', 'yellow');
    await poll(async () => (await tvState(page)).spoken.slice(-1)[0]).toBe('文字の大きさ：とても大きい');
    await press(page, 'ok');
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });

    const test = await delivery.deliver({
      ...payload({ level: 5 }),
      status: 'Test',
    } as unknown as AlertPayload);
    const exercise = payload({
      level: 5,
      status: 'Exercise',
      ja: {
        title: '【訓練】【警戒レベル5】緊急安全確保',
        action:
          'たなか はなこさん、命の危険 直ちに安全確保！外に出るのが危ないときは、家の2階以上や崖から離れた部屋で身を守ってください。',
        place: '避難先：美波町立日和佐小学校体育館（北東へ約1.2km）（福祉避難所に空きがありません）',
      },
    });
    const drill = await delivery.deliver(exercise);
    await poll(hookAlert).toMatchObject({ seq: drill.seq, level: 5, color: '#000000' });
    expect(await tvState(page)).toMatchObject({ route: '/', overlay: 'alert' });
    expect((await tvState(page)).spoken).toContain('これは訓練です');
    expect(await page.locator('[data-role="alert-exercise"]').count()).toBe(1);
    await shoot('alert-exercise-level5-very-large');
    expect((await auditScreen(page)).failures).toEqual([]);
    // The Test alert reached the box (acknowledged), yet nothing of it reaches the TV app.
    const listed = await fetch(`${bridge?.url}/alerts`, { headers: { origin: server.origin } });
    expect(((await listed.json()) as { alerts: { seq: number }[] }).alerts.map((a) => a.seq)).toEqual([
      drill.seq,
    ]);
    expect(bridgeLogs.join('')).toContain(`"msg":"bridge.message-received","seq":${test.seq}`);
    expect(JSON.stringify(await tvState(page))).not.toContain(`"seq":${test.seq}`);

    // Unanswered, it comes back after the bridge restarts (the app reconnects) and after the app restarts.
    const port = bridge?.port ?? 0;
    await bridge?.close();
    await startBox(port);
    await page.reload();
    await waitForTv(page, { route: '/' });
    await poll(hookAlert).toMatchObject({ seq: drill.seq, phase: 'alert' });

    // An update of the thread replaces the alert on screen.
    const update = await delivery.deliver({
      ...exercise,
      level: 4,
      ja: { ...exercise.ja, title: '【訓練】【警戒レベル4】避難指示' },
    });
    await poll(hookAlert).toMatchObject({ seq: update.seq, level: 4, color: '#8b008b' });
    await visible(page, '【訓練】【警戒レベル4】避難指示');

    await press(page, 'red');
    await poll(() => delivery.response(exercise.thread)).toEqual({ answer: 'safe', shown: true });
    await press(page, 'ok');
    await waitForTv(page, { route: '/', overlay: null });

    // The exercise is withdrawn: a short notice, closed with OK.
    const cancel = await delivery.deliver({
      ...exercise,
      kind: 'cancel',
      level: null,
      shelter: null,
      ja: {
        title: '【訓練】【取り消し】緊急安全確保',
        action: '先ほどの緊急安全確保は取り消されました。',
        place: null,
      },
    });
    await poll(hookAlert).toMatchObject({ seq: cancel.seq, phase: 'notice' });
    await visible(page, '取り消されました');
    await shoot('alert-cancel-notice');
    await press(page, 'ok');
    await waitForTv(page, { route: '/', overlay: null });
  });
});
