// The list screens (お知らせ, 現況届…) are one screen with other rows: a title, a hint line, four numbered
// tiles in a window that follows the focus, arrows to move, OK or a digit to open. `listPage` builds such a
// page from what differs: where its rows come from, how a row is spoken and what opening one does.
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile, { LIST_SLOTS, listSlots } from '../components/MenuTile.ts';
import { digitKeys } from '../input/digit-keys.ts';
import type { Destination } from '../managers/card-flow.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { type DisplaySettings, themeFor } from '../theme/tokens.ts';

export interface ListRow<Item> {
  id: string;
  label: string;
  note: string;
  /** The note as spoken, when the shown one has marks a voice should not read. */
  spokenNote?: string;
  item: Item;
}

type Go = (path: string, data?: Record<string, unknown>) => void;

export interface ListPageSpec<Answer, Item> {
  /** The route of the page: an answer that arrives after the viewer left is not acted on. */
  path: string;
  title: string;
  /** The hint line under the title once rows are there, and the line when there are none. */
  hint: string;
  empty: string;
  /** Coming back to the page focuses the row last focused (else the first). */
  rememberFocus: boolean;
  /** Inspector role of the hint line, for browser tests. */
  messageRole: string;
  /** Asks the bridge for the list. */
  fetch: () => Promise<Answer>;
  /** The answer, while the page is still shown: the rows (kept where other screens read them), or where a
   * problem leads. */
  settle: (answer: Answer) => ListRow<Item>[] | Destination;
  open: (item: Item, go: Go) => void;
  /** The blue button, when it does something here (instead of the screen colours): its label and where to. */
  blue?: { label: string; path: string };
}

const spoken = (row: ListRow<unknown> | undefined, index: number) =>
  row ? `${ja.numbered(index + 1, row.label)}。${row.spokenNote ?? row.note}` : '';

/** The tiles on screen: a window of four rows that follows the focus. */
function slotsOf(page: DisplaySettings & { rows: ListRow<unknown>[]; focusIndex: number }) {
  const first = Math.max(0, Math.min(page.focusIndex - 1, page.rows.length - LIST_SLOTS));
  return listSlots(themeFor(page), first, page.focusIndex, page.rows.slice(first, first + LIST_SLOTS));
}

export function listPage<Answer, Item>(spec: ListPageSpec<Answer, Item>) {
  let lastFocus = 0;
  // One name for every list page: Blits' template precompiler needs the name as a literal.
  return Blits.Component('ListPage', {
    components: { KeyGuide, MenuTile },
    template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$message" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="80 + $t.size.title * 1.2"
        maxwidth="1728" maxlines="1" :inspector-data="{role: $messageRole}" />
      <!-- Four tiles, not a :for: Blits 1.27 does not draw the items of a loop filled after the screen was built. -->
      <MenuTile :alpha="$s0.shown ? 1 : 0" x="96" :y="$s0.y" tileW="1728" :tileH="$s0.h" :id="$s0.id"
        :number="$s0.number" :label="$s0.label" :note="$s0.note" :focused="$s0.focused" />
      <MenuTile :alpha="$s1.shown ? 1 : 0" x="96" :y="$s1.y" tileW="1728" :tileH="$s1.h" :id="$s1.id"
        :number="$s1.number" :label="$s1.label" :note="$s1.note" :focused="$s1.focused" />
      <MenuTile :alpha="$s2.shown ? 1 : 0" x="96" :y="$s2.y" tileW="1728" :tileH="$s2.h" :id="$s2.id"
        :number="$s2.number" :label="$s2.label" :note="$s2.note" :focused="$s2.focused" />
      <MenuTile :alpha="$s3.shown ? 1 : 0" x="96" :y="$s3.y" tileW="1728" :tileH="$s3.h" :id="$s3.id"
        :number="$s3.number" :label="$s3.label" :note="$s3.note" :focused="$s3.focused" />
      <KeyGuide :blue="$blueLabel" />
    </Element>
  `,
    state() {
      return { ...pickUi(themeFields), rows: [] as ListRow<Item>[], focusIndex: 0, loaded: false };
    },
    computed: {
      t() {
        return themeFor(this);
      },
      title() {
        return spec.title;
      },
      messageRole() {
        return spec.messageRole;
      },
      blueLabel() {
        return spec.blue?.label;
      },
      message() {
        if (!this.loaded) return ja.reports.loading;
        return this.rows.length === 0 ? spec.empty : spec.hint;
      },

      s0() {
        return slotsOf(this)[0];
      },
      s1() {
        return slotsOf(this)[1];
      },
      s2() {
        return slotsOf(this)[2];
      },
      s3() {
        return slotsOf(this)[3];
      },
    },
    hooks: {
      init() {
        followUi(this, themeFields);
      },
      destroy() {
        unfollowUi(this);
      },
      async ready() {
        announceScreen({ title: spec.title, details: [ja.reports.loading] });
        const answer = await spec.fetch();
        if (currentPath() !== spec.path) return;
        const settled = spec.settle(answer);
        if (!Array.isArray(settled)) {
          this.$router.to(settled.path, settled.data ?? {});
          return;
        }
        this.rows = settled;
        this.loaded = true;
        this.focusIndex = spec.rememberFocus ? Math.min(lastFocus, Math.max(0, settled.length - 1)) : 0;
        const focused = settled[this.focusIndex];
        announceScreen({
          title: spec.title,
          details: [focused ? spec.hint : spec.empty],
          ...(focused ? { focus: spoken(focused, this.focusIndex) } : {}),
        });
      },
    },
    methods: {
      moveTo(index: number) {
        if (index < 0 || index >= this.rows.length || index === this.focusIndex) return;
        this.focusIndex = index;
        lastFocus = index;
        announceFocus(spoken(this.rows[index], index));
      },
      open(index: number) {
        const row = this.rows[index];
        if (row) spec.open(row.item, (path, data = {}) => this.$router.to(path, data));
      },
      digit(n: number) {
        if (n < 1 || n > this.rows.length) return;
        this.moveTo(n - 1);
        this.open(n - 1);
      },
    },
    input: {
      up() {
        this.moveTo(this.focusIndex - 1);
      },
      down() {
        this.moveTo(this.focusIndex + 1);
      },
      ok() {
        this.open(this.focusIndex);
      },
      ...digitKeys(9),
      // Only where the page gives it a task: elsewhere the App's blue (screen colours) stays.
      ...(spec.blue
        ? {
            blue(this: { $router: { to(path: string): void } }) {
              this.$router.to((spec.blue as { path: string }).path);
            },
          }
        : {}),
    },
  });
}
