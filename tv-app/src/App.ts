// The application root: the routed screen, the dialog over it, and what holds for every screen. Back and Home
// always lead home (from home, Back goes to the TV picture); the colour buttons say the screen again, change
// the text size and the colours; a screen left idle returns home and forgets any secret; a card screen whose
// card is pulled says so.
import Blits from '@lightningjs/blits';
import symbols from '@lightningjs/blits/symbols';
import AlertOverlay from './alerts/AlertOverlay.ts';
import { alertInput, isAlertOpen, receiveAlert, refreshAlerts } from './alerts/alert-manager.ts';
import { bridge } from './api/bridge-client.ts';
import Dialog from './components/Dialog.ts';
import { keyboardEventFor, remoteKeyOfEvent } from './input/keymap.ts';
import { closeDialog, dialogInput, isDialogOpen } from './managers/dialog-manager.ts';
import { changeContrast, changeTextSize } from './managers/display-settings.ts';
import { IdleTimer, idleTimeoutMs } from './managers/idle-timer.ts';
import { currentPath, needsCard, routes } from './routes.ts';
import { speech } from './speech/speech.ts';
import { type ClearedStage, paintBackground } from './stage-background.ts';
import { nextTask } from './state/next-task.ts';
import { reportStore } from './state/report-store.ts';
import { secrets } from './state/secret-store.ts';
import { nextTextSize } from './state/settings-store.ts';
import { followUi, pickUi, type UiState, ui, unfollowUi, updateUi } from './state/ui-state.ts';
import { testHook } from './test-hook.ts';
import AskOverlay from './watch-over/AskOverlay.ts';
import { askInput, countKey, isAskOpen, startWatchOver } from './watch-over/wellbeing-ask.ts';

let idle: IdleTimer | undefined;
let stage: ClearedStage | undefined;

const shown = [
  'textSize',
  'highContrast',
  'card',
  'dialog',
  'dialogTitle',
  'dialogBody',
  'dialogChoices',
  'dialogFocus',
  'alert',
] as const;

/** Where a card screen goes when the card it needs is no longer there. */
const problemOfLostCard: Partial<Record<UiState['card'], string>> = {
  absent: 'card-removed',
  'other-card': 'not-my-number-card',
  'no-reader': 'no-reader',
  offline: 'unavailable',
};

export default Blits.Application({
  components: { Dialog, AlertOverlay, AskOverlay },
  template: `
    <Element>
      <!-- No size here, for the RouterView, nor for the screens' holders inside it: WebGL draws every node with a
        size, even a transparent one, and a full-screen quad costs a frame dearly in software GL. The background
        is the stage's clear colour (stage-background.ts). -->
      <RouterView />
      <Dialog :show="$dialog !== ''" :id="$dialog" :title="$dialogTitle" :body="$dialogBody"
        :choices="$dialogChoices" :focus="$dialogFocus" />
      <AskOverlay />
      <AlertOverlay :show="!!$alert" :screen="$alert" />
    </Element>
  `,
  routes,
  state() {
    return pickUi(shown);
  },
  watch: {
    highContrast() {
      if (stage) paintBackground(stage, this as unknown as UiState);
    },
    card(view: UiState['card']) {
      testHook.card(view);
      const problem = problemOfLostCard[view];
      if (problem && needsCard(currentPath())) {
        secrets.forget();
        closeDialog(null);
        this.$router.to(`/problem/${problem}`);
      }
    },
  },
  hooks: {
    init() {
      followUi(this, shown);
    },
    destroy() {
      unfollowUi(this);
    },
    ready() {
      // The renderer node of the app's root element (Blits keeps it under a symbol), for the test hook, and the
      // renderer's stage it belongs to, for a change of background (index.ts launches with the right one).
      const root = (this as unknown as Record<symbol, { node: { stage: ClearedStage } }>)[
        symbols.wrapper as symbol
      ]?.node;
      testHook.stage(root);
      stage = root?.stage;
      idle = new IdleTimer({ timeoutMs: idleTimeoutMs(location.search), onIdle: () => this.onIdle() });
      idle.touch();
      // Watch-over: お変わりありませんか at the household's times (nothing when it did not agree).
      startWatchOver();
      bridge().watch({
        card: (card) => updateUi({ card }),
        session: (signedIn) => updateUi({ signedIn }),
        reportReceived: (receipt) => reportStore.arrived(receipt),
        // Disaster alerts go over whatever is on; after a (re)connect the bridge lists those still in force.
        alert: (alert) => receiveAlert(alert),
        streamOpened: () => void refreshAlerts(),
        // The HID remote's keys arrive on the bridge's event stream: replay them as keyboard keys.
        remoteKey: (key) => {
          document.dispatchEvent(keyboardEventFor(key));
          document.dispatchEvent(keyboardEventFor(key, 'keyup'));
        },
      });
    },
  },
  methods: {
    goHome(reason?: 'idle') {
      secrets.forget();
      nextTask.forget();
      reportStore.close();
      closeDialog(null);
      if (currentPath() === '/') return;
      this.$router.to('/', reason ? { reason } : {});
    },
    /** Back: home from any screen, the TV picture from home, nothing on the TV picture. */
    back() {
      const path = currentPath();
      if (path === '/') this.$router.to('/tv');
      else if (path !== '/tv') this.goHome();
    },
    onIdle() {
      secrets.forget();
      nextTask.forget();
      reportStore.close();
      if (ui.signedIn) void bridge().logout();
      if (currentPath() !== '/tv') this.goHome('idle');
    },
  },
  input: {
    intercept(event: KeyboardEvent) {
      idle?.touch();
      countKey(event);
      const key = remoteKeyOfEvent(event);
      if (isAlertOpen()) {
        alertInput(key);
        return undefined;
      }
      if (isAskOpen()) {
        askInput(key);
        return undefined;
      }
      if (isDialogOpen() && key !== 'home') {
        dialogInput(key);
        return undefined;
      }
      if (key === 'home') this.goHome();
      else if (key === 'back') this.back();
      else return event;
      return undefined;
    },
    red() {
      this.goHome();
    },
    green() {
      speech.repeat();
    },
    yellow() {
      changeTextSize(nextTextSize(ui.textSize));
    },
    blue() {
      changeContrast(!ui.highContrast);
    },
  },
});
