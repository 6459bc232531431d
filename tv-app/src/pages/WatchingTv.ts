// Stands for the broadcast picture the box shows when the viewer is just watching TV. OK (or Home) opens the
// services; Back stays here.
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themed, themedComputed } from '../theme/themed.ts';

export default Blits.Component('WatchingTv', {
  components: { KeyGuide },
  template: `
    <Element w="1920" h="1080" color="{top: '#1d4e89', bottom: '#0b1020'}" inspector-data="{role: 'broadcast'}">
      <Element x="1200" y="90" w="560" h="340" color="#2f6fb5" />
      <Element x="1300" y="300" w="700" h="420" color="#3d87c9" />
      <Text :content="$channel" :size="$t.size.small" color="#ffffff" x="96" y="72" />
      <Text :content="$title" :size="$t.size.title" color="#ffffff" x="96" y="400" />
      <Text :content="$hint" :size="$t.size.body" color="#ffffff" x="96" :y="420 + $t.size.title * 1.5"
        maxwidth="1728" maxlines="2" />
      <KeyGuide :back="$none" :red="$menu" />
    </Element>
  `,
  state: themed.state,
  computed: {
    ...themedComputed,
    title() {
      return ja.tv.title;
    },
    channel() {
      return ja.tv.channel;
    },
    hint() {
      return breakable(ja.tv.hint);
    },
    menu() {
      return ja.home.title;
    },
    none() {
      return ja.guide.none;
    },
  },
  hooks: {
    ...themed.hooks,
    focus() {
      announceScreen({ title: ja.tv.title, details: [ja.tv.hint] });
    },
  },
  input: {
    ok() {
      this.$router.to('/');
    },
  },
});
