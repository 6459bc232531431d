// Boot: the viewer's display settings, the test hook (e2e build), and Blits on a 1920×1080 stage with the
// shipped BIZ UDPGothic and the remote's key map.

import fontUrl from 'virtual:ud-font';
import Blits from '@lightningjs/blits';
import App from './App.ts';
import { blitsKeymap } from './input/keymap.ts';
import { renderMode } from './render-mode.ts';
import { backgroundOf } from './stage-background.ts';
import { loadSettings } from './state/settings-store.ts';
import { ui, updateUi } from './state/ui-state.ts';
import { testHook } from './test-hook.ts';

updateUi(loadSettings(window.localStorage));
// The app always starts at Home: a reload or a restarted box never lands in the middle of the card flow.
history.replaceState(null, '', `${location.pathname}${location.search}#/`);
testHook.install();

Blits.Launch(App, 'app', {
  w: 1920,
  h: 1080,
  // The screens' background (App.ts changes it with the contrast setting).
  canvasColor: backgroundOf(ui),
  renderMode: renderMode(location.search),
  defaultFont: 'ud',
  fonts: [{ family: 'ud', type: 'web', file: fontUrl }],
  keymap: blitsKeymap,
  // Textures waiting for the next frame's upload budget (42 ms by default) cost a whole redraw of the screen
  // each, dear with software GL; the screens do not animate, so one longer frame is better than several.
  textureProcessingTimeLimit: 250,
  // Speech is ours (speech/): Blits 1.x's announcer speaks en-US only.
  announcer: false,
  // The renderer's DOM mirror for the browser tests; the production build strips it (no __DEV__).
  inspector: import.meta.env.MODE === 'e2e',
});
