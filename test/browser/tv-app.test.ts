// The TV app in headless Chromium (e2e build, served under /tv/) against the real bridge with an in-process
// virtual reader and virtual My Number Cards, and a real backend node: Home and Back, settings kept across a
// reload, the card screens, the PIN and the on-screen keyboard, registration, the last-try warning, a blocked
// card, a pulled card, a missing reader, idle time, and the HID remote's keys through the bridge.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createJsonLogger,
  type InProcessCard,
  loadBridgeConfig,
  loadVirtualCard,
  type RemoteKeyEvent,
  type RunningBridge,
  startBridge,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { e2eTvAppDir } from '../../tv-app/build/build-tv-app.ts';
import { themeFor } from '../../tv-app/src/theme/tokens.ts';
import { type BackendNode, startBackendNode } from '../bridge/support/backend-node.ts';
import { type Chromium, launchChromium } from './support/chromium.ts';
import { auditScreen, stageTexts } from './support/screen-audit.ts';
import { type StaticServer, serveStatic } from './support/static-server.ts';
import {
  poll,
  press,
  pressStbKey,
  stageRenderer,
  stageText,
  tvAppUrl,
  tvState,
  waitForTv,
} from './support/tv-page.ts';

const screenshotDir = process.env.TV_SCREENSHOT_DIR ?? join(tmpdir(), 'myna-tv-screens');
const wrongPin = '9876';
// A card without the JPKI application (a transit or bank card): every SELECT answers "file not found".
const otherCard: InProcessCard = {
  atr: Uint8Array.from([0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09]),
  transmit: () => Uint8Array.from([0x6a, 0x82]),
  reset() {},
};

let workDir: string;
let server: StaticServer;
let backend: BackendNode;
let bridge: RunningBridge;
let browser: Chromium;
let page: Page;
let holder: { pin: string; password: string };
const reader = new VirtualReader();
const remoteKeys = new EventEmitter<{ key: [RemoteKeyEvent] }>();
const bridgeLogs: string[] = [];
const pageConsole: string[] = [];

async function openApp(idleMs = 120_000, render: 'webgl' | 'canvas' = 'canvas'): Promise<Page> {
  const opened = await browser.context.newPage();
  opened.on('console', (message) => pageConsole.push(message.text()));
  await opened.goto(tvAppUrl(server.origin, bridge.url, { idleMs, render }));
  await waitForTv(opened, { route: '/', screen: 'くらしの窓口' });
  return opened;
}

/** A screenshot to look at (TV_SCREENSHOT_DIR), once the text textures are drawn. */
async function shoot(target: Page, name: string): Promise<void> {
  await target.waitForTimeout(400);
  await target.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

async function spokenSince(target: Page, mark: number): Promise<string[]> {
  return (await tvState(target)).spoken.slice(mark);
}

async function myNumberCard(holderId: string) {
  return loadVirtualCard({ holderId, pkiDir: backend.pkiDir, stateDir: join(workDir, 'cards') });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'myna-tv-e2e-'));
  let distDir: string;
  [backend, distDir] = await Promise.all([startBackendNode(), e2eTvAppDir()]);
  server = await serveStatic({ dir: distDir, base: '/tv/' });
  const box = await backend.enrolBox();
  const dataDir = join(workDir, 'bridge');
  await mkdir(dataDir);
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
  const config = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: backend.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: server.origin,
  });
  bridge = await startBridge({
    ...config,
    cardReader: reader,
    remoteKeys,
    logger: createJsonLogger({ write: (line) => bridgeLogs.push(line), level: 'debug' }),
    linkBackoff: { initialMs: 50, maxMs: 200 },
  });
  const profile = backend.pki.holders.find((entry) => entry.id === 'tanaka-hanako');
  if (!profile) throw new Error('the development PKI has no tanaka-hanako');
  holder = profile;
  expect(holder.pin).not.toBe(wrongPin);
  await mkdir(screenshotDir, { recursive: true });
  browser = await launchChromium();
  page = await openApp();
}, 120_000);

// Each test starts at Home, as a viewer would after pressing the Home button.
beforeEach(async () => {
  await press(page, 'home');
  await waitForTv(page, { route: '/', overlay: null });
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await reader.close();
  await server?.close();
  await backend?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

// Generous: the machine's two cores draw the stage in software, shared with other work.
describe('TV app: Home, Back and settings', { timeout: 90_000 }, () => {
  it('moves around Home with arrows, digits, OK and Back; entries in preparation say so', async () => {
    expect(await tvState(page)).toMatchObject({ focus: '1番 年金・保険の現況届', overlay: null });
    expect((await tvState(page)).spoken.slice(0, 2)).toEqual(['くらしの窓口', '1番 年金・保険の現況届']);
    await shoot(page, 'home');

    await press(page, 'right');
    await waitForTv(page, { focus: '2番 母子健康情報' });
    await press(page, 'down');
    await waitForTv(page, { focus: '4番 避難情報（準備中）' });
    const focused = page.locator('[data-role="menu-item"][data-focused="true"]');
    expect(await focused.getAttribute('data-id')).toBe('evacuation');
    expect(await focused.getAttribute('data-disabled')).toBe('true');
    await press(page, 'down');
    await waitForTv(page, { focus: '6番 設定' });
    await press(page, 'up', 'left');
    await waitForTv(page, { focus: '3番 お知らせ' });
    await press(page, 'right');
    await waitForTv(page, { focus: '4番 避難情報（準備中）' });

    // An entry in preparation opens a dialog that takes every key until it is closed.
    await press(page, 'ok');
    await waitForTv(page, { overlay: 'preparing', focus: 'とじる' });
    expect((await tvState(page)).spoken).toContain(
      '「避難情報」は、まだ使えません。準備ができるまで、お待ちください。',
    );
    await press(page, 'down', '6');
    await press(page, 'ok');
    await waitForTv(page, { overlay: null, route: '/', focus: '4番 避難情報（準備中）' });

    // Every colour button and Back are labelled on screen.
    const labels = await page
      .locator('[data-role="key-label"]')
      .evaluateAll((nodes) =>
        nodes.map((node) => (node as unknown as { dataset: Record<string, string> }).dataset),
      );
    expect(labels.map((label) => [label.key, label.label])).toEqual([
      ['red', 'ホームへ'],
      ['green', 'もう一度聞く'],
      ['yellow', '文字の大きさ'],
      ['blue', '画面の色'],
      ['back', 'テレビへ'],
    ]);

    await press(page, '6');
    await waitForTv(page, { route: '/settings', focus: '文字の大きさ：ふつう' });
    await press(page, 'back');
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    await press(page, 'back');
    await waitForTv(page, { route: '/tv', screen: 'テレビ放送' });
    const mark = (await tvState(page)).spoken.length;
    await press(page, 'back');
    await page.waitForTimeout(300);
    expect(await tvState(page)).toMatchObject({ route: '/tv' });
    await press(page, 'ok');
    // Home comes back with the entry last opened in focus.
    await waitForTv(page, { route: '/', screen: 'くらしの窓口', focus: '6番 設定' });
    expect((await spokenSince(page, mark))[0]).toBe('くらしの窓口');

    // The green button says the screen again, ending with the focused entry.
    const before = (await tvState(page)).spoken.length;
    await press(page, 'green');
    await poll(() => spokenSince(page, before)).toEqual(['くらしの窓口', '6番 設定']);
  });

  it('draws Home with WebGL, as the boxes do, and moves the focus on it', async () => {
    const webgl = await openApp(120_000, 'webgl');
    expect(await stageRenderer(webgl)).toBe('webgl');
    expect(await stageRenderer(page)).toBe('canvas');
    await press(webgl, 'right');
    await waitForTv(webgl, { focus: '2番 母子健康情報' });
    await shoot(webgl, 'home-webgl');
    await webgl.close();
  });

  it('leaves no node behind on the stage when screens change', async () => {
    // The renderer inspector mirrors every node on the stage as a div. Blits 1.27's router used to leave each
    // screen's holder node behind, and WebGL draws every node with a size: each visit cost a full-screen quad.
    const nodes = () =>
      page.evaluate(() => {
        const dom = globalThis as unknown as {
          document: { querySelectorAll(selector: string): { length: number } };
        };
        return dom.document.querySelectorAll('#root div').length;
      });
    const atHome = await nodes();
    for (let round = 0; round < 3; round++) {
      await press(page, '6');
      await waitForTv(page, { route: '/settings' });
      await press(page, 'red');
      await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    }
    await poll(nodes).toBe(atHome);
  });

  it('paints the background with the clear colour, and draws no full-screen or colourless node', async () => {
    // WebGL draws every visible node with a size in every frame, colourless or not; one as big as the stage is the
    // dearest draw with software GL. The background is the renderer's clear colour instead, and no node has a size
    // it does not paint.
    const wastedNodes = () =>
      page.evaluate(() => {
        interface Node {
          id: number;
          worldAlpha: number;
          width: number;
          height: number;
          color: number;
          texture: unknown;
        }
        const dom = globalThis as unknown as {
          document: { querySelectorAll(selector: string): ArrayLike<{ node?: Node }> };
        };
        return Array.from(dom.document.querySelectorAll('#root div'))
          .map(({ node }) => node)
          .filter((node): node is Node => !!node && node.worldAlpha > 0 && node.width > 0 && node.height > 0)
          .filter(
            (node) =>
              (node.width >= 1920 && node.height >= 1080) ||
              (node.color === 0 && !node.texture && !('text' in node)),
          )
          .map((node) => `node ${node.id} ${node.width}×${node.height} colour ${node.color}`);
      });
    // A pixel of the stage's corner, where no node is drawn (the page draws with Canvas 2D).
    const corner = () =>
      page.evaluate(() => {
        const dom = globalThis as unknown as {
          document: {
            querySelector(selector: string): {
              getContext(kind: '2d'): {
                getImageData(x: number, y: number, w: number, h: number): { data: number[] };
              };
            };
          };
        };
        const [r, g, b] = dom.document.querySelector('canvas').getContext('2d').getImageData(4, 4, 1, 1).data;
        return `#${[r, g, b].map((channel) => (channel ?? 0).toString(16).padStart(2, '0')).join('')}`;
      });
    const titleBackground = async () =>
      (await stageTexts(page)).find((text) => text.text === 'くらしの窓口')?.background;

    const showsBackground = async (highContrast: boolean) => {
      const { background } = themeFor({ textSize: 'normal', highContrast }).color;
      await poll(corner).toBe(background);
      // The text audit measures contrast against what is behind each text: here the clear colour.
      expect(await titleBackground()).toBe(background);
      expect((await auditScreen(page)).failures).toEqual([]);
      expect(await wastedNodes()).toEqual([]);
    };
    await showsBackground(false);
    await press(page, 'blue');
    await showsBackground(true);
    await press(page, 'blue');
    await showsBackground(false);
  });

  it('keeps text size and high contrast across a reload', async () => {
    await press(page, '6');
    await waitForTv(page, { route: '/settings', focus: '文字の大きさ：ふつう' });
    await press(page, 'right', 'right', 'down', 'right');
    await waitForTv(page, { focus: '画面の色：ふつう' });
    await poll(async () => (await tvState(page)).spoken.slice(-1)[0]).toBe('画面の色：くっきり（黒地に白）');
    expect((await tvState(page)).spoken).toContain('文字の大きさ：とても大きい');

    await page.reload();
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    await shoot(page, 'home-very-large-high-contrast');
    await press(page, '6');
    await waitForTv(page, { route: '/settings', focus: '文字の大きさ：とても大きい' });
    await press(page, 'down');
    await waitForTv(page, { focus: '画面の色：くっきり（黒地に白）' });

    // The colour buttons change the same settings from any screen: yellow (text size), blue (colours), here
    // as a set-top box browser sends them.
    await pressStbKey(page, 'ColorF2Yellow', 405);
    await pressStbKey(page, 'ColorF3Blue', 406);
    await poll(async () => (await tvState(page)).spoken.slice(-2)).toEqual([
      '文字の大きさ：ふつう',
      '画面の色：ふつう',
    ]);
    await page.reload();
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    await press(page, '6');
    await waitForTv(page, { route: '/settings', focus: '文字の大きさ：ふつう' });
    await press(page, 'red');
    await waitForTv(page, { route: '/' });
  });
});

describe('TV app: the card', { timeout: 90_000 }, () => {
  it('asks for the card, and tells a card that is not a My Number Card', async () => {
    await press(page, '5');
    await waitForTv(page, { route: '/card', screen: 'カードをリモコンにかざしてください', card: 'absent' });
    expect(await page.locator('[data-role="card-animation"]').count()).toBe(1);
    await shoot(page, 'card-wait');

    reader.insert(otherCard);
    await waitForTv(page, {
      route: '/problem/not-my-number-card',
      screen: 'マイナンバーカードではないようです',
    });
    await shoot(page, 'not-my-number-card');
    reader.remove();
    await waitForTv(page, { card: 'absent' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/card' });

    reader.insert(await myNumberCard('tanaka-hanako'));
    await waitForTv(page, { route: '/card/found', screen: 'マイナンバーカードを確認しました' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('3');
    expect((await tvState(page)).spoken).toContain('入力できる回数：あと3回');
    await shoot(page, 'card-found');
  });

  it('takes the PIN from the digit buttons, showing ● and saying only how many', async () => {
    await press(page, '5');
    await waitForTv(page, { route: '/card/found' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('3');
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin', screen: '暗証番号を入力してください' });
    const mark = (await tvState(page)).spoken.length;
    await press(page, '9', '8');
    await poll(() => page.locator('[data-role="pin-slot"][data-filled="true"]').count()).toBe(2);
    await shoot(page, 'pin');
    await press(page, '7', 'left', '7', '6');
    await poll(() => spokenSince(page, mark)).toEqual([
      '1けた入力しました',
      '2けた入力しました',
      '3けた入力しました',
      '1けた消しました。いま2けたです',
      '3けた入力しました',
      '4けた入力しました。決定ボタンを押してください。',
    ]);
    const shown = await stageText(page);
    expect(shown).toContain('●');
    expect(shown).not.toMatch(/[6-9]/);

    await press(page, 'ok');
    await waitForTv(page, { route: '/card/found', screen: 'マイナンバーカードを確認しました' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('2');
    expect((await spokenSince(page, mark)).join('\n')).not.toMatch(/[6-9]/);
    expect((await tvState(page)).spoken).toContain('暗証番号がちがいます。');
  });

  it('warns plainly before the last try and lets the viewer stop', async () => {
    await press(page, '5');
    await waitForTv(page, { route: '/card/found' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('2');
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin' });
    await press(page, '1', '1', '1', '1', 'ok');
    await waitForTv(page, { route: '/card/found' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('1');
    expect((await tvState(page)).spoken).toContain(
      'あと1回まちがえると、このカードは使えなくなります（ロック）。',
    );
    await press(page, 'ok');
    await waitForTv(page, { overlay: 'last-try', focus: 'やめる' });
    await shoot(page, 'last-try');
    await press(page, 'ok');
    await waitForTv(page, { route: '/', overlay: null, screen: 'くらしの窓口' });
  });

  it('registers a first-time card with the PIN and the on-screen keyboard', async () => {
    await press(page, '5');
    await waitForTv(page, { route: '/card/found' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('1');
    await press(page, 'ok');
    await waitForTv(page, { overlay: 'last-try', focus: 'やめる' });
    await press(page, 'right');
    await waitForTv(page, { focus: '入力する' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin', overlay: null });
    await press(page, ...([...holder.pin] as `${number}`[]), 'ok');

    // Not registered yet: the signature password comes next, after its own tries.
    await waitForTv(page, { route: '/register', screen: 'はじめての登録' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-kind')).toBe('sign');
    await press(page, 'ok');
    await waitForTv(page, { route: '/password', focus: 'A' });
    const mark = (await tvState(page)).spoken.length;
    await typeOnKeyboard(page, holder.password);
    await poll(() => page.locator('[data-role="password-mask"]').textContent()).toBe(
      '●'.repeat(holder.password.length),
    );
    expect(await stageText(page)).not.toContain(holder.password);
    await shoot(page, 'password');
    await press(page, 'down', 'down', 'down', 'right', 'right', 'right', 'right', 'right', 'right', 'right');
    await waitForTv(page, { focus: '完了' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/signed-in', screen: '本人確認ができました' });
    expect((await tvState(page)).spoken).toContain('登録が終わりました。本人確認ができました。');
    expect((await spokenSince(page, mark)).join('\n')).not.toContain(holder.password);

    // Signed in, Home offers to end it in place of the card entry.
    await press(page, 'ok');
    await waitForTv(page, { route: '/', focus: '5番 本人確認を終える' });
    await press(page, '5');
    await poll(async () => (await tvState(page)).spoken.slice(-2)).toEqual([
      '本人確認を終えました',
      '5番 カードで本人確認',
    ]);
  });

  it('says so when the card is pulled in the middle, and forgets the digits', async () => {
    await press(page, '5');
    await waitForTv(page, { route: '/card/found' });
    await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe('3');
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin' });
    await press(page, '1', '2');
    reader.remove();
    await waitForTv(page, { route: '/problem/card-removed', screen: 'カードがはなれました' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/card', screen: 'カードをリモコンにかざしてください' });
    await press(page, 'back');
    await waitForTv(page, { route: '/' });
  });

  it('returns home when left idle, forgetting what was typed', async () => {
    reader.insert(await myNumberCard('tanaka-hanako'));
    const idlePage = await openApp(4000);
    await press(idlePage, '5');
    await waitForTv(idlePage, { route: '/card/found' });
    await press(idlePage, 'ok');
    await waitForTv(idlePage, { route: '/pin' });
    await press(idlePage, '1', '2');
    await waitForTv(idlePage, { route: '/', screen: 'くらしの窓口' }, 15_000);
    expect((await tvState(idlePage)).spoken).toContain('しばらく操作がなかったので、ホームにもどりました');
    await press(idlePage, '5');
    await waitForTv(idlePage, { route: '/card/found' });
    await press(idlePage, 'ok');
    await waitForTv(idlePage, { route: '/pin' });
    expect(await idlePage.locator('[data-role="pin-slot"][data-filled="true"]').count()).toBe(0);
    await idlePage.close();
  });

  it("follows the HID remote's keys relayed by the bridge", async () => {
    await waitForTv(page, { route: '/' });
    const start = (await tvState(page)).focus;
    expect(start).toBe('5番 カードで本人確認');
    remoteKeys.emit('key', { key: 'up', action: 'press' });
    remoteKeys.emit('key', { key: 'up', action: 'release' });
    await waitForTv(page, { focus: '3番 お知らせ' });
  });

  it('explains a blocked card and where to go, and ends there', async () => {
    reader.insert(await myNumberCard('sato-yui'));
    await press(page, '5');
    for (const triesLeft of ['3', '2']) {
      await waitForTv(page, { route: '/card/found' });
      await poll(() => page.locator('[data-role="tries"]').getAttribute('data-tries')).toBe(triesLeft);
      await press(page, 'ok');
      await waitForTv(page, { route: '/pin' });
      await press(page, '0', '0', '0', '0', 'ok');
    }
    await waitForTv(page, { route: '/card/found' });
    await press(page, 'ok');
    await waitForTv(page, { overlay: 'last-try' });
    await press(page, 'right', 'ok');
    await waitForTv(page, { route: '/pin' });
    await press(page, '0', '0', '0', '0', 'ok');
    await waitForTv(page, { route: '/blocked/auth', screen: 'このカードはロックされています' });
    expect((await tvState(page)).spoken.join('')).toContain('市役所・町村役場の窓口');
    await shoot(page, 'blocked');
    await press(page, 'ok');
    await waitForTv(page, { route: '/' });

    // The card stays blocked: the flow goes straight to the explanation.
    await press(page, '5');
    await waitForTv(page, { route: '/blocked/auth' });
    await press(page, 'back');
    await waitForTv(page, { route: '/' });
  });

  it('says so when the reader is missing', async () => {
    reader.remove();
    await press(page, '5');
    await waitForTv(page, { route: '/card', card: 'absent' });
    await reader.close();
    await waitForTv(page, { route: '/problem/no-reader', screen: 'カードを読む機械が見つかりません' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/' });
  });

  it('never logged a PIN or password, in the page or in the bridge', () => {
    const logged = [...pageConsole, ...bridgeLogs].join('\n');
    for (const secret of [wrongPin, holder.pin, holder.password]) expect(logged).not.toContain(secret);
  });
});

/** Types letters with arrows and OK on the on-screen keyboard, digits with the digit buttons. */
async function typeOnKeyboard(target: Page, text: string): Promise<void> {
  const rows = ['1234567890', 'ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ'];
  let at = { row: 1, col: 0 };
  for (const char of text) {
    if (/[0-9]/.test(char)) {
      await press(target, char as `${number}`);
      continue;
    }
    const row = rows.findIndex((letters) => letters.includes(char));
    const col = (rows[row] as string).indexOf(char);
    const moves: ('up' | 'down' | 'left' | 'right')[] = [];
    for (let r = at.row; r < row; r++) moves.push('down');
    for (let r = at.row; r > row; r--) moves.push('up');
    for (let c = at.col; c < col; c++) moves.push('right');
    for (let c = at.col; c > col; c--) moves.push('left');
    await press(target, ...moves);
    await waitForTv(target, { focus: char });
    await press(target, 'ok');
    at = { row, col };
  }
}
