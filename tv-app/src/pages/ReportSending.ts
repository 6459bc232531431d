// While a document (the 現況届, a 利用申込み) is signed on the card and sent: the card must stay on the reader.
// Moves on by itself to the receipt, the waiting screen or what went wrong; `fallback` when nothing is being
// sent (the screen reopened).
import Blits from '@lightningjs/blits';
import CardAnimation from '../components/CardAnimation.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { signingTask } from '../managers/signing-task.ts';
import { currentPath } from '../routes.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themed, themedComputed } from '../theme/themed.ts';

export default Blits.Component('ReportSending', {
  components: { CardAnimation, KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$body" :size="$t.size.body" :color="$t.color.text" x="96" :y="100 + $t.size.title * 1.3"
        maxwidth="1100" :lineheight="$t.size.body * 1.45" maxlines="4" />
      <CardAnimation x="1300" y="280" />
      <KeyGuide />
    </Element>
  `,
  props: ['fallback'],
  state: themed.state,
  computed: {
    ...themedComputed,
    title() {
      return ja.reports.sendingTitle;
    },
    body() {
      return breakable(ja.reports.sendingBody);
    },
  },
  hooks: {
    ...themed.hooks,
    async ready() {
      announceScreen({ title: ja.reports.sendingTitle, details: [ja.reports.sendingBody] });
      const path = currentPath();
      const outcome = signingTask.take();
      if (!outcome) {
        this.$router.to(String(this.fallback));
        return;
      }
      const next = await outcome;
      // Home or idle meanwhile: the outcome still shows in the list (and in お知らせ) next time.
      if (currentPath() === path) this.$router.to(next.path, next.data ?? {});
    },
  },
});
