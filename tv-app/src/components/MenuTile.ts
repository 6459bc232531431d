// One entry of a menu or list: its number (the digit button that opens it), its label, and a note under the
// label ("準備中" while the entry is not usable yet, a due date, a receipt number). The focused tile is yellow
// with black text.
import Blits from '@lightningjs/blits';
import { ja } from '../texts/ja.ts';
import { themed } from '../theme/themed.ts';
import { type Theme, themeFor } from '../theme/tokens.ts';

export const LIST_SLOTS = 4;

/**
 * The four tiles of a list screen, always four (unused ones hidden). Rows go below the title and the hint
 * line, each tall enough for a label and a note; `first` is the list index of the first row shown.
 */
export function listSlots(
  { size }: Theme,
  first: number,
  focusIndex: number,
  rows: { id: string; label: string; note: string }[],
) {
  const top = Math.round(110 + size.title * 1.2 + size.small * 1.3);
  const h = Math.round((size.body + size.small) * 1.25 + 36);
  return Array.from({ length: LIST_SLOTS }, (_, i) => {
    const row = rows[i];
    return {
      shown: row !== undefined,
      id: row?.id ?? '',
      label: row?.label ?? '',
      note: row?.note ?? '',
      number: first + i + 1,
      focused: row !== undefined && first + i === focusIndex,
      y: top + i * (h + 20),
      h,
    };
  });
}

export default Blits.Component('MenuTile', {
  template: `
    <Element :w="$tileW" :h="$tileH" :color="$focused ? $t.color.focus : $t.color.outline"
      :inspector-data="{role: 'menu-item', id: $id, label: $label, focused: $focused, disabled: $disabled}">
      <Element x="5" y="5" :w="$tileW - 10" :h="$tileH - 10" :color="$focused ? $t.color.focus : $t.color.panel">
        <Element x="20" :y="($tileH - 10 - $badge) / 2" :w="$badge" :h="$badge" :color="$focused ? '#000000' : $t.color.text">
          <Text :content="$number" :size="$t.size.body" :color="$focused ? $t.color.focus : $t.color.background"
            x="0" :maxwidth="$badge" align="center" :y="$badge * 0.08" />
        </Element>
        <Text :content="$label" :size="$t.size.body" :color="$textColor" :x="$badge + 44"
          :y="$noteText ? ($tileH - 10) / 2 - $t.size.body * 1.1 : ($tileH - 10) / 2 - $t.size.body * 0.6"
          :maxwidth="$tileW - $badge - 70" maxlines="1" />
        <Text :show="!!$noteText" :content="$noteText" :size="$t.size.small" :color="$textColor"
          :x="$badge + 44" :y="($tileH - 10) / 2 + $t.size.small * 0.1" :maxwidth="$tileW - $badge - 70" maxlines="1" />
      </Element>
    </Element>
  `,
  // Not `w` and `h`: Blits 1.27 also sizes the tile's holder node with a `:w`/`:h` given to the component, and
  // the renderer draws every node with a size, colourless or not.
  props: ['id', 'number', 'label', 'note', 'disabled', 'focused', 'tileW', 'tileH'],
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
    noteText() {
      return this.disabled ? ja.home.preparing : String(this.note ?? '');
    },
  },
});
