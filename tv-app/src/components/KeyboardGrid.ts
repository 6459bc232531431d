// The on-screen keyboard (layout: input/keyboard-layout.ts); the focused key is yellow.
import Blits from '@lightningjs/blits';
import { KEYBOARD_COLUMNS, keyboardKeys } from '../input/keyboard-layout.ts';
import { ja } from '../texts/ja.ts';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

const GAP = 12;

export default Blits.Component('KeyboardGrid', {
  template: `
    <Element>
      <Element :for="(cell, index) in $cells" key="$cell.id" :x="$cell.x" :y="$cell.y" :w="$cell.w" :h="$keyH"
        :color="$cell.id === $focusId ? $t.color.focus : $t.color.outline"
        :inspector-data="{role: 'key', id: $cell.id, label: $cell.label, focused: $cell.id === $focusId}">
        <Element x="4" y="4" :w="$cell.w - 8" :h="$keyH - 8" :color="$cell.id === $focusId ? $t.color.focus : $t.color.panel">
          <Text :content="$cell.label" :size="$fontSize" :color="$cell.id === $focusId ? $t.color.focusText : $t.color.text"
            x="0" :maxwidth="$cell.w - 8" align="center" :y="$labelY" />
        </Element>
      </Element>
    </Element>
  `,
  props: ['focusId', 'width', 'keyH'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    fontSize() {
      return Math.round(Math.min(themeFor(this).size.body, Number(this.keyH) * 0.6));
    },
    labelY() {
      const fontSize = Math.round(Math.min(themeFor(this).size.body, Number(this.keyH) * 0.6));
      return (Number(this.keyH) - 8) / 2 - fontSize * 0.6;
    },
    /** Each key with its place and size worked out (the template's loop takes plain values only). */
    cells() {
      const cellW = Math.floor((Number(this.width) - (KEYBOARD_COLUMNS - 1) * GAP) / KEYBOARD_COLUMNS);
      return keyboardKeys.map((key) => ({
        id: key.id,
        label: key.action.kind === 'char' ? key.action.char : ja.password[key.action.kind],
        x: key.col * (cellW + GAP),
        y: key.row * (Number(this.keyH) + GAP),
        w: key.span * cellW + (key.span - 1) * GAP,
      }));
    },
  },
});
