// The PIN's four places: a ● for each digit entered, never the digit itself.
import Blits from '@lightningjs/blits';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

export default Blits.Component('PinSlots', {
  template: `
    <Element>
      <Element :for="(slot, index) in $slots" key="$slot.id" :x="$index * ($box + 36)" y="0" :w="$box" :h="$box"
        :color="$index === $filled && $active ? $t.color.focus : $t.color.outline"
        :inspector-data="{role: 'pin-slot', index: $index, filled: $index < $filled}">
        <Element x="6" y="6" :w="$box - 12" :h="$box - 12" color="#ffffff">
          <Text :show="$index < $filled" content="●" :size="$box * 0.55" color="#000000"
            x="0" :maxwidth="$box - 12" align="center" :y="($box - 12) * 0.18" />
        </Element>
      </Element>
    </Element>
  `,
  props: ['filled', 'active'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    box() {
      return Math.round(themeFor(this).size.body * 2.4);
    },
    slots() {
      return [{ id: 's0' }, { id: 's1' }, { id: 's2' }, { id: 's3' }];
    },
  },
});
