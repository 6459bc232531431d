// お知らせ: newest first, each with its sender and day, unread ones marked. OK reads the focused one.
import Blits from '@lightningjs/blits';
import { bridge, type NoticeView } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile, { LIST_SLOTS, listSlots } from '../components/MenuTile.ts';
import { digitKeys } from '../input/digit-keys.ts';
import { destinationOfProblem } from '../managers/report-flow.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { noticeStore } from '../state/notice-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { japaneseDate } from '../texts/japanese-dates.ts';
import { type DisplaySettings, themeFor } from '../theme/tokens.ts';

// Coming back from a notice focuses it again.
let lastFocus = 0;

const noteOf = (notice: NoticeView) =>
  ja.notices.row(notice.senderName, japaneseDate(notice.createdAt), notice.read);
const spoken = (notice: NoticeView | undefined, index: number) =>
  notice ? `${ja.numbered(index + 1, notice.title)}。${noteOf(notice).replace('● ', '')}` : '';

/** The tiles on screen: a window of four rows that follows the focus. */
function slotsOf(page: DisplaySettings & { notices: NoticeView[]; focusIndex: number }) {
  const first = Math.max(0, Math.min(page.focusIndex - 1, page.notices.length - LIST_SLOTS));
  const rows = page.notices
    .slice(first, first + LIST_SLOTS)
    .map((notice) => ({ id: notice.id, label: notice.title, note: noteOf(notice) }));
  return listSlots(themeFor(page), first, page.focusIndex, rows);
}

export default Blits.Component('NoticeList', {
  components: { KeyGuide, MenuTile },
  template: `
    <Element w="1920" h="1080">
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$message" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="80 + $t.size.title * 1.2"
        maxwidth="1728" maxlines="1" />
      <!-- Four tiles, not a :for: Blits 1.27 does not draw the items of a loop filled after the screen was built. -->
      <MenuTile :alpha="$s0.shown ? 1 : 0" x="96" :y="$s0.y" w="1728" :h="$s0.h" :id="$s0.id"
        :number="$s0.number" :label="$s0.label" :note="$s0.note" :focused="$s0.focused" />
      <MenuTile :alpha="$s1.shown ? 1 : 0" x="96" :y="$s1.y" w="1728" :h="$s1.h" :id="$s1.id"
        :number="$s1.number" :label="$s1.label" :note="$s1.note" :focused="$s1.focused" />
      <MenuTile :alpha="$s2.shown ? 1 : 0" x="96" :y="$s2.y" w="1728" :h="$s2.h" :id="$s2.id"
        :number="$s2.number" :label="$s2.label" :note="$s2.note" :focused="$s2.focused" />
      <MenuTile :alpha="$s3.shown ? 1 : 0" x="96" :y="$s3.y" w="1728" :h="$s3.h" :id="$s3.id"
        :number="$s3.number" :label="$s3.label" :note="$s3.note" :focused="$s3.focused" />
      <KeyGuide />
    </Element>
  `,
  state() {
    return { ...pickUi(themeFields), notices: [] as NoticeView[], focusIndex: 0, loaded: false };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    title() {
      return ja.notices.title;
    },
    message() {
      if (!this.loaded) return ja.reports.loading;
      return this.notices.length === 0 ? ja.notices.none : ja.notices.listHint;
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
      announceScreen({ title: ja.notices.title, details: [ja.reports.loading] });
      const result = await bridge().notices();
      if (currentPath() !== '/notices') return;
      if (!result.ok) {
        const next = destinationOfProblem(result.problem, '/notices');
        this.$router.to(next.path, next.data ?? {});
        return;
      }
      noticeStore.set(result.notices);
      this.notices = result.notices;
      this.loaded = true;
      this.focusIndex = Math.min(lastFocus, Math.max(0, result.notices.length - 1));
      const focused = result.notices[this.focusIndex];
      announceScreen({
        title: ja.notices.title,
        details: [focused ? ja.notices.listHint : ja.notices.none],
        ...(focused ? { focus: spoken(focused, this.focusIndex) } : {}),
      });
    },
  },
  methods: {
    moveTo(index: number) {
      if (index < 0 || index >= this.notices.length || index === this.focusIndex) return;
      this.focusIndex = index;
      lastFocus = index;
      announceFocus(spoken(this.notices[index], index));
    },
    open(index: number) {
      const notice = this.notices[index];
      if (notice) this.$router.to(`/notice/${encodeURIComponent(notice.id)}`);
    },
    digit(n: number) {
      if (n < 1 || n > this.notices.length) return;
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
  },
});
