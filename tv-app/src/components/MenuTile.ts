// One entry of a menu: its number (the digit button that opens it), its label, and "準備中" under the label
// while the entry is not usable yet. The focused tile is yellow with black text.
import Blits from '@lightningjs/blits';
import { ja } from '../texts/ja.ts';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

export default Blits.Component('MenuTile', {
  template: `
    <Element :w="$w" :h="$h" :color="$focused ? $t.color.focus : $t.color.outline"
      :inspector-data="{role: 'menu-item', id: $id, label: $label, focused: $focused, disabled: $disabled}">
      <Element x="5" y="5" :w="$w - 10" :h="$h - 10" :color="$focused ? $t.color.focus : $t.color.panel">
        <Element x="20" :y="($h - 10 - $badge) / 2" :w="$badge" :h="$badge" :color="$focused ? '#000000' : $t.color.text">
          <Text :content="$number" :size="$t.size.body" :color="$focused ? $t.color.focus : $t.color.background"
            x="0" :maxwidth="$badge" align="center" :y="$badge * 0.08" />
        </Element>
        <Text :content="$label" :size="$t.size.body" :color="$textColor" :x="$badge + 44"
          :y="$disabled ? ($h - 10) / 2 - $t.size.body * 1.1 : ($h - 10) / 2 - $t.size.body * 0.6"
          :maxwidth="$w - $badge - 70" maxlines="1" />
        <Text :show="$disabled" :content="$preparing" :size="$t.size.small" :color="$textColor"
          :x="$badge + 44" :y="($h - 10) / 2 + $t.size.small * 0.1" />
      </Element>
    </Element>
  `,
  props: ['id', 'number', 'label', 'disabled', 'focused', 'w', 'h'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    badge() {
      return Math.round(themeFor(this).size.body * 1.4);
    },
    textColor() {
      const { color } = themeFor(this);
      if (this.focused) return color.focusText;
      return this.disabled ? color.disabledText : color.text;
    },
    preparing() {
      return ja.home.preparing;
    },
  },
});
