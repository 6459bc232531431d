// State for the browser tests, as `window.__MYNA_TV__`, in the e2e build only: the route of the screen on
// show, its spoken name, the focused item, the open overlay, the card as the app sees it, and every text
// spoken. Framework-independent, so the tests survive a Blits upgrade.

export interface TestHookState {
  route: string;
  screen: string;
  focus: string | null;
  overlay: string | null;
  card: string;
  spoken: string[];
}

declare global {
  interface Window {
    __MYNA_TV__?: TestHookState;
  }
}

const state: TestHookState = { route: '', screen: '', focus: null, overlay: null, card: '', spoken: [] };
const enabled = import.meta.env.MODE === 'e2e';

const routeOfHash = (hash: string) => hash.replace(/^#/, '').split('?')[0] || '/';

export const testHook = {
  install(): void {
    if (enabled) window.__MYNA_TV__ = state;
  },
  screen(title: string, focus: string | null): void {
    state.route = routeOfHash(location.hash);
    state.screen = title;
    state.focus = focus;
  },
  focus(label: string | null): void {
    state.focus = label;
  },
  overlay(id: string | null): void {
    state.overlay = id;
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
