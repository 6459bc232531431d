// The bottom bar on every screen: what each colour button and Back do here, each next to a chip in the
// button's colour with its name written in it (for viewers who cannot tell the colours apart).
import Blits from '@lightningjs/blits';
import { ja } from '../texts/ja.ts';
import { themed } from '../theme/themed.ts';
import { remoteKeyColors, themeFor } from '../theme/tokens.ts';

export default Blits.Component('KeyGuide', {
  template: `
    <Element x="0" y="968" w="1920" h="112" :color="$t.color.panel" inspector-data="{role: 'key-guide'}">
      <Element x="0" y="0" w="1920" h="4" :color="$t.color.outline" />
      <Element :for="(chip, index) in $chips" key="$chip.key" :x="48 + $index * 370" y="20">
        <Element w="$chip.chipW" h="72" :color="$chip.color">
          <Text :content="$chip.name" size="40" :color="$chip.nameColor" x="0" :maxwidth="$chip.chipW" align="center" y="14" />
        </Element>
        <Text
          :content="$chip.label" :x="$chip.chipW + 14" :y="36 - $fontSize * 0.6" :size="$fontSize"
          :color="$t.color.text" maxwidth="270" maxlines="1"
          :inspector-data="{role: 'key-label', key: $chip.key, label: $chip.label}"
        />
      </Element>
    </Element>
  `,
  props: ['red', 'green', 'yellow', 'blue', 'back'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    fontSize() {
      return Math.min(44, Math.round(38 * themeFor(this).scale));
    },
    chips() {
      const chip = (key: keyof typeof remoteKeyColors, label: string | undefined) => ({
        key,
        name: ja.keys[key],
        label: label ?? ja.guide.none,
        chipW: 72,
        color: remoteKeyColors[key],
        nameColor: key === 'yellow' ? '#000000' : '#ffffff',
      });
      return [
        chip('red', this.red ?? ja.guide.home),
        chip('green', this.green ?? ja.guide.repeat),
        chip('yellow', this.yellow ?? ja.guide.textSize),
        chip('blue', this.blue ?? ja.guide.contrast),
        {
          key: 'back',
          name: ja.keys.back,
          label: this.back ?? ja.guide.home,
          chipW: 100,
          color: this.highContrast ? '#ffffff' : '#5a6478',
          nameColor: this.highContrast ? '#000000' : '#ffffff',
        },
      ];
    },
  },
});
