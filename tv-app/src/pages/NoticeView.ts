// One notice in large type: its title, sender and day, and its text. Marked read when opened. OK goes back to
// the list.
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { noticeStore } from '../state/notice-store.ts';
import { ja } from '../texts/ja.ts';
import { japaneseDateTime } from '../texts/japanese-dates.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themed, themedComputed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

const noticeOf = (id: unknown) => noticeStore.find(decodeURIComponent(String(id ?? '')));

export default Blits.Component('NoticeView', {
  components: { KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="48" maxwidth="1728" maxlines="2"
        :lineheight="$t.size.title * 1.3" :inspector-data="{role: 'notice-title', id: $noticeId}" />
      <Text :content="$from" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="64 + $t.size.title * 2.6"
        maxwidth="1728" maxlines="1" />
      <Text :content="$body" :size="$t.size.body" :color="$t.color.text" x="96" :y="96 + $t.size.title * 2.6 + $t.size.small * 1.3"
        maxwidth="1728" :lineheight="$t.size.body * 1.5" :maxlines="$bodyLines" inspector-data="{role: 'notice-body'}" />
      <Text :content="$hint" :size="$t.size.body" :color="$t.color.focus" x="96" y="880" maxwidth="1728" maxlines="1" />
      <KeyGuide />
    </Element>
  `,
  props: ['id'],
  state: themed.state,
  computed: {
    ...themedComputed,
    noticeId() {
      return noticeOf(this.id)?.id ?? '';
    },
    title() {
      return breakable(noticeOf(this.id)?.title ?? '');
    },
    from() {
      const notice = noticeOf(this.id);
      return notice ? ja.notices.from(notice.senderName, japaneseDateTime(notice.createdAt)) : '';
    },
    body() {
      return breakable(noticeOf(this.id)?.body ?? '');
    },
    bodyLines() {
      const { size } = themeFor(this);
      const top = 96 + size.title * 2.6 + size.small * 1.3;
      return Math.max(1, Math.floor((860 - top) / (size.body * 1.5)));
    },
    hint() {
      return ja.notices.back;
    },
  },
  hooks: {
    ...themed.hooks,
    focus() {
      const notice = noticeOf(this.id);
      if (!notice) {
        this.$router.to('/notices');
        return;
      }
      announceScreen({
        title: notice.title,
        details: [
          ja.notices.from(notice.senderName, japaneseDateTime(notice.createdAt)),
          notice.body,
          ja.notices.back,
        ],
      });
      if (!notice.read) {
        noticeStore.markRead(notice.id);
        void bridge().markNoticeRead(notice.id);
      }
    },
  },
  input: {
    ok() {
      this.$router.to('/notices');
    },
  },
});
