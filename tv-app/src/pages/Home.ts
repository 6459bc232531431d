// Home: the services on a 2 × 3 grid, each with its number (the digit button opens it directly). Entries for
// services still being built are shown as "準備中" and say so when chosen. Signed in, お知らせ shows how many
// notices are unread (a 予防接種のおしらせ, a receipt).
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile from '../components/MenuTile.ts';
import { digitKeys } from '../input/digit-keys.ts';
import { openDialog } from '../managers/dialog-manager.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { speech } from '../speech/speech.ts';
import { nextTask } from '../state/next-task.ts';
import { noticeStore } from '../state/notice-store.ts';
import { followUi, pickUi, themeFields, ui, unfollowUi, updateUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { type DisplaySettings, themeFor } from '../theme/tokens.ts';

interface MenuEntry {
  id: string;
  label: string;
  /** Where the entry leads; null while it is being built. */
  route: string | null;
  /** The resident must be signed in first (the card flow runs, then goes on to `route`). */
  signIn?: boolean;
  /** Under the label (the unread mark of お知らせ). */
  note?: string;
}

function menuEntries(signedIn: boolean, unread = 0): MenuEntry[] {
  const { items } = ja.home;
  return [
    { id: 'pension', label: items.pension, route: '/reports', signIn: true },
    { id: 'maternal', label: items.maternal, route: '/children', signIn: true },
    {
      id: 'notices',
      label: items.notices,
      route: '/notices',
      signIn: true,
      ...(signedIn && unread > 0 ? { note: ja.notices.unreadCount(unread) } : {}),
    },
    { id: 'evacuation', label: items.evacuation, route: null },
    signedIn
      ? { id: 'sign-out', label: items.signOut, route: null }
      : { id: 'card', label: items.card, route: '/card' },
    { id: 'settings', label: items.settings, route: '/settings' },
  ];
}

const COLUMNS = 2;

/** The six tiles: what each shows and where it goes. */
function tilesOf(page: DisplaySettings & { signedIn: boolean; unread: number; focusIndex: number }) {
  const { top, tileW, tileH } = gridOf(page);
  return menuEntries(page.signedIn, page.unread).map((entry, index) => ({
    id: entry.id,
    number: index + 1,
    label: entry.label,
    note: entry.note ?? '',
    disabled: entry.route === null && entry.id !== 'sign-out',
    focused: index === page.focusIndex,
    x: 96 + (index % COLUMNS) * (tileW + 48),
    y: top + Math.floor(index / COLUMNS) * (tileH + 28),
    w: tileW,
    h: tileH,
  }));
}

/** Where the tiles go, by the text size. */
function gridOf(settings: DisplaySettings) {
  const { size } = themeFor(settings);
  return {
    top: 64 + size.title * 1.6,
    tileW: (1920 - 2 * 96 - 48) / COLUMNS,
    tileH: Math.round((size.body + size.small) * 1.25 + 40),
  };
}
const shown = [...themeFields, 'signedIn'] as const;
// Coming back to Home focuses the entry the viewer last opened.
let lastFocus = 0;

function spokenLabel(entries: MenuEntry[], index: number): string {
  const entry = entries[index];
  if (!entry) return '';
  const disabled = entry.route === null && entry.id !== 'sign-out';
  return (
    ja.numbered(index + 1, entry.label) +
    (disabled ? ja.preparingSuffix : '') +
    (entry.note ? `（${entry.note.replace('● ', '')}）` : '')
  );
}

export default Blits.Component('Home', {
  components: { KeyGuide, MenuTile },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" />
      <!-- Six tiles, not a :for: Blits 1.27 breaks on loop items that change after the screen was built. -->
      <MenuTile :x="$m0.x" :y="$m0.y" :tileW="$m0.w" :tileH="$m0.h" :id="$m0.id" :number="$m0.number"
        :label="$m0.label" :note="$m0.note" :disabled="$m0.disabled" :focused="$m0.focused" />
      <MenuTile :x="$m1.x" :y="$m1.y" :tileW="$m1.w" :tileH="$m1.h" :id="$m1.id" :number="$m1.number"
        :label="$m1.label" :note="$m1.note" :disabled="$m1.disabled" :focused="$m1.focused" />
      <MenuTile :x="$m2.x" :y="$m2.y" :tileW="$m2.w" :tileH="$m2.h" :id="$m2.id" :number="$m2.number"
        :label="$m2.label" :note="$m2.note" :disabled="$m2.disabled" :focused="$m2.focused" />
      <MenuTile :x="$m3.x" :y="$m3.y" :tileW="$m3.w" :tileH="$m3.h" :id="$m3.id" :number="$m3.number"
        :label="$m3.label" :note="$m3.note" :disabled="$m3.disabled" :focused="$m3.focused" />
      <MenuTile :x="$m4.x" :y="$m4.y" :tileW="$m4.w" :tileH="$m4.h" :id="$m4.id" :number="$m4.number"
        :label="$m4.label" :note="$m4.note" :disabled="$m4.disabled" :focused="$m4.focused" />
      <MenuTile :x="$m5.x" :y="$m5.y" :tileW="$m5.w" :tileH="$m5.h" :id="$m5.id" :number="$m5.number"
        :label="$m5.label" :note="$m5.note" :disabled="$m5.disabled" :focused="$m5.focused" />
      <Text :content="$hint" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="$hintY"
        maxwidth="1728" maxlines="2" />
      <KeyGuide :back="$backLabel" />
    </Element>
  `,
  props: ['reason'],
  state() {
    return { ...pickUi(shown), focusIndex: lastFocus, unread: 0 };
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
    hintY() {
      const { top, tileH } = gridOf(this);
      return top + 3 * (tileH + 28) + 8;
    },
    m0() {
      return tilesOf(this)[0];
    },
    m1() {
      return tilesOf(this)[1];
    },
    m2() {
      return tilesOf(this)[2];
    },
    m3() {
      return tilesOf(this)[3];
    },
    m4() {
      return tilesOf(this)[4];
    },
    m5() {
      return tilesOf(this)[5];
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
        focus: spokenLabel(menuEntries(ui.signedIn, this.unread), this.focusIndex),
      });
      void this.refreshUnread();
    },
  },
  watch: {
    signedIn() {
      void this.refreshUnread();
    },
  },
  methods: {
    moveTo(index: number) {
      const count = menuEntries(ui.signedIn).length;
      if (index < 0 || index >= count || index === this.focusIndex) return;
      this.focusIndex = index;
      lastFocus = index;
      announceFocus(spokenLabel(menuEntries(ui.signedIn, this.unread), index));
    },
    /** Signed in: how many notices are unread (said when there are any). */
    async refreshUnread() {
      if (!ui.signedIn) {
        this.unread = 0;
        return;
      }
      const result = await bridge().notices();
      if (!result.ok || currentPath() !== '/') return;
      noticeStore.set(result.notices);
      const unread = result.notices.filter((notice) => !notice.read).length;
      if (unread > 0 && unread !== this.unread) speech.say(ja.notices.unreadSpoken(unread));
      this.unread = unread;
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
