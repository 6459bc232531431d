// The お変わりありませんか ask over whatever is on (watch-over/wellbeing-ask.ts drives it): the screen dimmed, a
// panel with the question, what to do, the green button's tile 「元気です」 and how to leave it for later; after
// an answer, the thanks. Large text in the app's theme.
import Blits from '@lightningjs/blits';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { remoteKeyColors, themeFor } from '../theme/tokens.ts';
import { type AskPhase, onAskPhase } from './wellbeing-ask.ts';

const stops = new WeakMap<object, () => void>();

export default Blits.Component('AskOverlay', {
  template: `
    <Element :show="$phase !== 'closed'" w="1920" h="1080" color="#000000e0"
      :inspector-data="{role: 'watch-over-ask', phase: $phase}">
      <Element x="252" y="172" w="1416" h="736" :color="$t.color.outline">
        <Element x="8" y="8" w="1400" h="720" :color="$t.color.panel">
          <Text :content="$title" :size="$t.size.title * 1.2" :color="$t.color.text" x="72" y="64"
            maxwidth="1256" maxlines="2" :lineheight="$t.size.title * 1.5" />
          <Text :show="$phase === 'ask'" :content="$body" :size="$t.size.body" :color="$t.color.text" x="72" y="250"
            maxwidth="1256" maxlines="2" :lineheight="$t.size.body * 1.45" />
          <Element :show="$phase === 'ask'" x="72" y="420" w="560" h="150" :color="$green"
            :inspector-data="{role: 'watch-over-answer', key: 'green'}">
            <Element x="10" y="10" w="540" h="130" color="#000000">
              <Text :content="$greenLabel" :size="$t.size.body * 1.2" color="#ffffff" x="0" y="30" w="540"
                maxwidth="540" align="center" maxlines="1" />
            </Element>
          </Element>
          <Text :show="$phase === 'ask'" :content="$later" :size="$t.size.small" :color="$t.color.subtext" x="72"
            y="620" maxwidth="1256" maxlines="1" />
        </Element>
      </Element>
    </Element>
  `,
  state() {
    return { ...pickUi(themeFields), phase: 'closed' as AskPhase };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    title() {
      return breakable(this.phase === 'thanks' ? ja.watchOver.thanks : ja.watchOver.title);
    },
    body() {
      return breakable(ja.watchOver.body);
    },
    greenLabel() {
      return `${ja.keys.green}  ${ja.watchOver.answer}`;
    },
    later() {
      return ja.watchOver.later;
    },
    green() {
      return remoteKeyColors.green;
    },
  },
  hooks: {
    init() {
      followUi(this, themeFields);
      stops.set(
        this,
        onAskPhase((phase) => {
          this.phase = phase;
        }),
      );
    },
    destroy() {
      unfollowUi(this);
      stops.get(this)?.();
    },
  },
});
