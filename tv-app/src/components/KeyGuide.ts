// The bottom bar on every screen: what each colour button and Back do here. Each label follows a chip framed
// in the button's colour with its name written in it (for viewers who cannot tell the colours apart); the
// name sits on the panel colour, so it keeps the 7:1 contrast whatever the button's colour. Items are placed
// by the length of their labels, so all five fit at 48 px.
import Blits from '@lightningjs/blits';
import { ja } from '../texts/ja.ts';
import { themed } from '../theme/themed.ts';
import { remoteKeyColors, themeFor } from '../theme/tokens.ts';

const FONT_SIZE = 48;
const CHIP_GAP = 12;
const ITEM_GAP = 40;

export default Blits.Component('KeyGuide', {
  template: `
    <Element x="0" y="968" w="1920" h="112" :color="$t.color.panel" inspector-data="{role: 'key-guide'}">
      <Element x="0" y="0" w="1920" h="4" :color="$t.color.outline" />
      <Element :for="(chip, index) in $chips" key="$chip.key" :x="$chip.x" y="18">
        <Element :w="$chip.chipW" h="76" :color="$chip.color">
          <Element x="7" y="7" :w="$chip.chipW - 14" h="62" :color="$chip.inner">
            <Text :content="$chip.name" :size="$chip.size" :color="$chip.nameColor" x="0" :maxwidth="$chip.chipW - 14"
              align="center" :y="$chip.nameY" />
          </Element>
        </Element>
        <Text :content="$chip.label" :x="$chip.chipW + $chip.gap" :y="$chip.labelY" :size="$chip.size"
          :color="$chip.nameColor" :maxwidth="$chip.labelW" maxlines="1"
          :inspector-data="{role: 'key-label', key: $chip.key, label: $chip.label}" />
      </Element>
    </Element>
  `,
  props: ['red', 'green', 'yellow', 'blue', 'back'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    chips() {
      const { color } = themeFor(this);
      const items = [
        { key: 'red', label: this.red ?? ja.guide.home },
        { key: 'green', label: this.green ?? ja.guide.repeat },
        { key: 'yellow', label: this.yellow ?? ja.guide.textSize },
        { key: 'blue', label: this.blue ?? ja.guide.contrast },
        { key: 'back', label: this.back ?? ja.guide.home },
      ] as const;
      let x = 40;
      return items.map(({ key, label }) => {
        const chipW = key === 'back' ? 124 : 76;
        const labelW = [...label].length * FONT_SIZE;
        const chip = {
          key,
          name: ja.keys[key],
          label,
          x,
          chipW,
          labelW,
          gap: CHIP_GAP,
          size: FONT_SIZE,
          nameY: Math.round(31 - FONT_SIZE * 0.62),
          labelY: Math.round(38 - FONT_SIZE * 0.62),
          color: key === 'back' ? color.text : remoteKeyColors[key],
          inner: color.panel,
          nameColor: color.text,
        };
        x += chipW + CHIP_GAP + labelW + ITEM_GAP;
        return chip;
      });
    },
  },
});
