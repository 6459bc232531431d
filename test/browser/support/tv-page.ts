// Driving the TV app in a page: its test hook (window.__MYNA_TV__), keys as the remote sends them, and the
// renderer inspector's DOM mirror.
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { stageTexts } from './screen-audit.ts';

export interface TvState {
  route: string;
  screen: string;
  focus: string | null;
  overlay: string | null;
  card: string;
  spoken: string[];
  firstScreenMs: number | null;
}

/**
 * The TV app's address on `origin` talking to the bridge at `bridgeUrl`. Drawn with Canvas 2D unless `render`
 * says WebGL: software WebGL in headless Chromium costs about 8 times the CPU per screen change, and the
 * screens are the same (one case per browser file that needs it draws with WebGL, as the boxes do).
 */
export function tvAppUrl(
  origin: string,
  bridgeUrl: string,
  options: { idleMs?: number; render?: 'webgl' | 'canvas' } = {},
): string {
  const query = new URLSearchParams({ bridge: bridgeUrl });
  if (options.idleMs) query.set('idle', String(options.idleMs));
  if ((options.render ?? 'canvas') === 'canvas') query.set('render', 'canvas');
  return `${origin}/tv/?${query}#/`;
}

/** Which context the stage canvas was drawn with. */
export function stageRenderer(page: Page): Promise<'webgl' | 'canvas'> {
  return page.evaluate(() => {
    const dom = globalThis as unknown as {
      document: { querySelector(selector: string): { getContext(kind: string): unknown } | null };
    };
    // A canvas holding a WebGL context has no 2D context to give.
    return dom.document.querySelector('canvas')?.getContext('2d') ? 'canvas' : 'webgl';
  });
}

export function tvState(page: Page): Promise<TvState> {
  return page.evaluate(() => {
    const state = (globalThis as unknown as { __MYNA_TV__?: TvState }).__MYNA_TV__;
    if (!state) throw new Error('the TV app test hook is missing (not the e2e build?)');
    return JSON.parse(JSON.stringify(state)) as TvState;
  });
}

/** Waits until the test hook matches (the screen on show announces itself once it has focus). */
export function waitForTv(page: Page, expected: Partial<TvState>, timeout = 15_000): Promise<TvState> {
  return vi.waitFor(
    async () => {
      const state = await tvState(page);
      const recent = { ...state, spoken: state.spoken.slice(-6) };
      expect(state, `TV app state: ${JSON.stringify(recent)}`).toMatchObject(expected);
      return state;
    },
    { timeout, interval: 50 },
  );
}

/** `expect.poll` with room for a loaded machine (its default gives up after a second). */
export function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

/** Playwright names of the remote's keys on a keyboard (the bridge contract's table). */
export const keys = {
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  ok: 'Enter',
  back: 'Backspace',
  home: 'Home',
  red: 'F1',
  green: 'F2',
  yellow: 'F3',
  blue: 'F4',
} as const;

export async function press(page: Page, ...names: (keyof typeof keys | `${number}`)[]): Promise<void> {
  for (const name of names) await page.keyboard.press(name in keys ? keys[name as keyof typeof keys] : name);
}

/** A key as an STB browser sends it: a `key` Playwright does not know and the box's key code. */
export async function pressStbKey(page: Page, key: string, keyCode: number): Promise<void> {
  await page.evaluate(
    ([key, keyCode]) => {
      // This runs in the page (DOM types are not in the test project's library set).
      const dom = globalThis as unknown as {
        KeyboardEvent: new (type: string, init: { key: string }) => object;
        document: { dispatchEvent(event: object): void };
      };
      const event = new dom.KeyboardEvent('keydown', { key: key as string });
      Object.defineProperty(event, 'keyCode', { get: () => keyCode });
      dom.document.dispatchEvent(event);
    },
    [key, keyCode] as const,
  );
}

/** Every text the renderer inspector mirrors for the nodes now on the stage (hidden ones included). */
export function stageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dom = globalThis as unknown as {
      document: { getElementById(id: string): { textContent: string } | null };
    };
    return dom.document.getElementById('root')?.textContent ?? '';
  });
}

/** Waits until a visible text on the stage contains `text`. */
export async function visible(page: Page, text: string): Promise<void> {
  await poll(async () => (await stageTexts(page)).map((entry) => entry.text).join('\n')).toContain(text);
}

/** How many texts were spoken so far: what is said next is `spoken.slice(mark)`. */
export async function spokenCount(page: Page): Promise<number> {
  return (await tvState(page)).spoken.length;
}

/** What was spoken since `mark` (from spokenCount), as one text to look for phrases in. */
export async function spokenSince(page: Page, mark: number): Promise<string> {
  return (await tvState(page)).spoken.slice(mark).join(' | ');
}

/** Types the signature password (letters with arrows and OK, digits with the digit buttons), then 完了. */
export async function typePassword(target: Page, text: string, finish = true): Promise<void> {
  const rows = ['1234567890', 'ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ'];
  let at = { row: 1, col: 0 };
  const moveTo = async (row: number, col: number) => {
    // Along rows 0–2 only, never across row 3 (its letters end in wide keys): up first, down last.
    const across: ('left' | 'right')[] = [];
    for (let c = at.col; c < col; c++) across.push('right');
    for (let c = at.col; c > col; c--) across.push('left');
    const down = Array.from({ length: Math.max(0, row - at.row) }, () => 'down' as const);
    const up = Array.from({ length: Math.max(0, at.row - row) }, () => 'up' as const);
    await press(target, ...up, ...across, ...down);
    at = { row, col };
  };
  for (const char of text) {
    if (/[0-9]/.test(char)) {
      await press(target, char as `${number}`);
      continue;
    }
    const row = rows.findIndex((letters) => letters.includes(char));
    await moveTo(row, (rows[row] as string).indexOf(char));
    await waitForTv(target, { focus: char });
    await press(target, 'ok');
  }
  if (!finish) return;
  await moveTo(3, 0);
  await press(target, 'right', 'right', 'right', 'right', 'right', 'right', 'right');
  await waitForTv(target, { focus: '完了' });
  await press(target, 'ok');
}
