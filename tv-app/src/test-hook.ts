// State for the browser tests, as `window.__MYNA_TV__`, in the e2e build only: the route of the screen on
// show, its spoken name, the focused item, the open overlay, the card as the app sees it, and every text
// spoken. Framework-independent, so the tests survive a Blits upgrade. Also the texts on the stage, with their
// size and colours (`window.__MYNA_TV_TEXTS__`), for the browser tests' size and contrast checks.
import type { StageText } from './stage-text.ts';

export interface TestHookState {
  route: string;
  screen: string;
  focus: string | null;
  overlay: string | null;
  card: string;
  spoken: string[];
  /** Milliseconds from navigation start to the first screen announced (Home interactive). */
  firstScreenMs: number | null;
  /** The disaster alert overlay on show: what it is and its colour; null when none. */
  alert: {
    id: string;
    seq: number;
    phase: string;
    level: number | null;
    color: string;
    title: string;
  } | null;
  /** Alarm sounds started (the Web Audio context's state when each started). */
  alarms: string[];
}

declare global {
  interface Window {
    __MYNA_TV__?: TestHookState;
    /** The texts visible on the stage now (e2e build). */
    __MYNA_TV_TEXTS__?: () => StageText[];
  }
}

/** The renderer's node, as far as the text audit reads it (Lightning renderer 2.x CoreNode / CoreTextNode). */
interface StageNode {
  x: number;
  y: number;
  width: number;
  height: number;
  alpha: number;
  /** 0xRRGGBBAA */
  color: number;
  children: StageNode[];
  text?: string;
  fontSize?: number;
  /** The stage, whose renderer clears every frame to its clear colour before drawing the nodes. */
  stage: {
    renderer: {
      /** WebGL: the 0xRRGGBBAA (a number, or Blits' `'0x…'` string at launch); Canvas 2D: [r, g, b, a]. */
      clearColor: { raw: number | string } | number[] | undefined;
    };
  };
}

const hex = (color: number) => `#${(color >>> 8).toString(16).padStart(6, '0')}`;

/** The colour the renderer clears the stage to, behind every node (App.ts sets it: the screens' background). */
function clearColor(root: StageNode): string {
  const cleared = root.stage.renderer.clearColor;
  const rgba = Array.isArray(cleared)
    ? cleared.reduce((value, channel) => value * 0x100 + channel, 0)
    : Number(cleared?.raw ?? 0);
  // A text on a clear colour that lets the page show through has no known background.
  if ((rgba & 0xff) < 0xc0)
    throw new Error(`the stage is cleared to a transparent colour (${rgba.toString(16)})`);
  return hex(rgba);
}

/** Walks the stage in paint order: every visible text with the opaque rectangle last painted under it. */
function stageTexts(root: StageNode): StageText[] {
  const cleared = clearColor(root);
  const rects: { x: number; y: number; w: number; h: number; color: number }[] = [];
  const texts: StageText[] = [];
  const visit = (node: StageNode, offsetX: number, offsetY: number) => {
    if (node.alpha <= 0) return;
    const x = offsetX + node.x;
    const y = offsetY + node.y;
    if ('text' in node && typeof node.text === 'string') {
      const content = node.text.replace(/\u200b/g, '').trim();
      if (content !== '' && node.width > 0) {
        const cx = x + node.width / 2;
        const cy = y + Math.min(node.height, node.fontSize ?? node.height) / 2;
        const under = rects.findLast((r) => cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h);
        texts.push({
          text: content,
          fontSize: node.fontSize ?? 0,
          color: hex(node.color),
          background: under ? hex(under.color) : cleared,
          x,
          y,
        });
      }
      return;
    }
    if ((node.color & 0xff) >= 0xc0 && node.width > 0 && node.height > 0) {
      rects.push({ x, y, w: node.width, h: node.height, color: node.color });
    }
    for (const child of node.children) visit(child, x, y);
  };
  visit(root, 0, 0);
  return texts;
}

const state: TestHookState = {
  route: '',
  screen: '',
  focus: null,
  overlay: null,
  card: '',
  spoken: [],
  firstScreenMs: null,
  alert: null,
  alarms: [],
};
const enabled = import.meta.env.MODE === 'e2e';

const routeOfHash = (hash: string) => hash.replace(/^#/, '').split('?')[0] || '/';

export const testHook = {
  install(): void {
    if (enabled) window.__MYNA_TV__ = state;
  },
  /** The stage's root node, for the text audit (`window.__MYNA_TV_TEXTS__`). */
  stage(root: unknown): void {
    if (enabled) window.__MYNA_TV_TEXTS__ = () => stageTexts(root as StageNode);
  },
  screen(title: string, focus: string | null): void {
    state.route = routeOfHash(location.hash);
    state.screen = title;
    state.focus = focus;
    state.firstScreenMs ??= performance.now();
  },
  focus(label: string | null): void {
    state.focus = label;
  },
  overlay(id: string | null): void {
    state.overlay = id;
  },
  alert(shown: TestHookState['alert']): void {
    state.alert = shown;
  },
  alarm(contextState: string): void {
    if (enabled) state.alarms.push(contextState);
  },
  card(view: string): void {
    state.card = view;
  },
  spoken(text: string): void {
    if (!enabled) return;
    state.spoken.push(text);
    if (state.spoken.length > 500) state.spoken.splice(0, 100);
  },
};
