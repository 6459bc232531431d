// One setting: its name on the left, its value between ◀ ▶ on the right (left and right change it).
import Blits from '@lightningjs/blits';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

export default Blits.Component('SettingRow', {
  template: `
    <Element w="1728" :h="$h" :color="$focused ? $t.color.focus : $t.color.outline">
      <Element x="5" y="5" w="1718" :h="$h - 10" :color="$focused ? $t.color.focus : $t.color.panel">
        <Text :content="$label" :size="$t.size.body" :color="$textColor" x="40" :y="($h - 10) / 2 - $t.size.body * 0.6" />
        <Text :content="'◀ ' + $current + ' ▶'" :size="$t.size.body" :color="$textColor" x="40" maxwidth="1638" align="right"
          :y="($h - 10) / 2 - $t.size.body * 0.6" />
      </Element>
    </Element>
  `,
  props: ['label', 'current', 'focused'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    h() {
      return Math.round(themeFor(this).size.body * 2.2);
    },
    textColor() {
      const { color } = themeFor(this);
      return this.focused ? color.focusText : color.text;
    },
  },
});
