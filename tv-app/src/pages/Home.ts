// Home: the services on a 2 × 3 grid, each with its number (the digit button opens it directly). Entries for
// services still being built are shown as "準備中" and say so when chosen.
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile from '../components/MenuTile.ts';
import { digitKeys } from '../input/digit-keys.ts';
import { openDialog } from '../managers/dialog-manager.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { speech } from '../speech/speech.ts';
import { nextTask } from '../state/next-task.ts';
import { followUi, pickUi, themeFields, ui, unfollowUi, updateUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themeFor } from '../theme/tokens.ts';

interface MenuEntry {
  id: string;
  label: string;
  /** Where the entry leads; null while it is being built. */
  route: string | null;
  /** The resident must be signed in first (the card flow runs, then goes on to `route`). */
  signIn?: boolean;
}

function menuEntries(signedIn: boolean): MenuEntry[] {
  const { items } = ja.home;
  return [
    { id: 'pension', label: items.pension, route: '/reports', signIn: true },
    { id: 'maternal', label: items.maternal, route: null },
    { id: 'notices', label: items.notices, route: '/notices', signIn: true },
    { id: 'evacuation', label: items.evacuation, route: null },
    signedIn
      ? { id: 'sign-out', label: items.signOut, route: null }
      : { id: 'card', label: items.card, route: '/card' },
    { id: 'settings', label: items.settings, route: '/settings' },
  ];
}

const COLUMNS = 2;
const shown = [...themeFields, 'signedIn'] as const;
// Coming back to Home focuses the entry the viewer last opened.
let lastFocus = 0;

function spokenLabel(entries: MenuEntry[], index: number): string {
  const entry = entries[index];
  if (!entry) return '';
  const disabled = entry.route === null && entry.id !== 'sign-out';
  return ja.numbered(index + 1, entry.label) + (disabled ? ja.preparingSuffix : '');
}

export default Blits.Component('Home', {
  components: { KeyGuide, MenuTile },
  template: `
    <Element w="1920" h="1080">
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" />
      <MenuTile :for="(entry, index) in $entries" key="$entry.id"
        :x="96 + ($index % 2) * ($tileW + 48)" :y="$top + Math.floor($index / 2) * ($tileH + 28)"
        :w="$tileW" :h="$tileH" :id="$entry.id" :number="$index + 1" :label="$entry.label"
        :disabled="$entry.disabled" :focused="$index === $focusIndex" />
      <Text :content="$hint" :size="$t.size.small" :color="$t.color.subtext" x="96"
        :y="$top + 3 * ($tileH + 28) + 8" maxwidth="1728" maxlines="2" />
      <KeyGuide :back="$backLabel" />
    </Element>
  `,
  props: ['reason'],
  state() {
    return { ...pickUi(shown), focusIndex: lastFocus };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    title() {
      return ja.home.title;
    },
    hint() {
      return breakable(ja.home.hint);
    },
    backLabel() {
      return ja.guide.tv;
    },
    entries() {
      return menuEntries(this.signedIn).map((entry) => ({
        ...entry,
        disabled: entry.route === null && entry.id !== 'sign-out',
      }));
    },
    top() {
      return 64 + themeFor(this).size.title * 1.6;
    },
    tileW() {
      return (1920 - 2 * 96 - 48) / COLUMNS;
    },
    tileH() {
      const { size } = themeFor(this);
      return Math.round((size.body + size.small) * 1.25 + 40);
    },
  },
  hooks: {
    init() {
      followUi(this, shown);
    },
    destroy() {
      unfollowUi(this);
    },
    focus() {
      const details = this.reason === 'idle' ? [ja.home.idle] : [];
      announceScreen({
        title: ja.home.title,
        details,
        focus: spokenLabel(menuEntries(ui.signedIn), this.focusIndex),
      });
    },
  },
  methods: {
    moveTo(index: number) {
      const count = menuEntries(ui.signedIn).length;
      if (index < 0 || index >= count || index === this.focusIndex) return;
      this.focusIndex = index;
      lastFocus = index;
      announceFocus(spokenLabel(menuEntries(ui.signedIn), index));
    },
    async open(index: number) {
      const entries = menuEntries(ui.signedIn);
      const entry = entries[index];
      if (!entry) return;
      if (entry.id === 'sign-out') {
        const signedIn = await bridge().logout();
        updateUi({ signedIn });
        if (signedIn) return;
        speech.say(ja.home.signedOut);
        speech.say(spokenLabel(menuEntries(false), this.focusIndex));
        return;
      }
      if (entry.route && entry.signIn && !ui.signedIn) {
        nextTask.set(entry.route);
        this.$router.to('/card');
        return;
      }
      if (entry.route) {
        this.$router.to(entry.route);
        return;
      }
      await openDialog({
        id: 'preparing',
        title: ja.home.preparingTitle,
        body: ja.home.preparingBody(entry.label),
        choices: [ja.home.close],
      });
      announceFocus(spokenLabel(entries, this.focusIndex));
    },
    digit(n: number) {
      if (n < 1 || n > menuEntries(ui.signedIn).length) return;
      this.moveTo(n - 1);
      void this.open(n - 1);
    },
  },
  input: {
    up() {
      this.moveTo(this.focusIndex - COLUMNS);
    },
    down() {
      this.moveTo(this.focusIndex + COLUMNS);
    },
    left() {
      if (this.focusIndex % COLUMNS > 0) this.moveTo(this.focusIndex - 1);
    },
    right() {
      if (this.focusIndex % COLUMNS < COLUMNS - 1) this.moveTo(this.focusIndex + 1);
    },
    ok() {
      void this.open(this.focusIndex);
    },
    ...digitKeys(6),
  },
});
