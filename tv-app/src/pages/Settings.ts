// Settings: text size (normal, large, very large) and colours (normal, high contrast). Applied at once and
// kept across restarts (managers/display-settings.ts).
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import SettingRow from '../components/SettingRow.ts';
import { changeContrast, changeTextSize, contrastText, textSizeText } from '../managers/display-settings.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { nextTextSize } from '../state/settings-store.ts';
import { pickUi, themeFields, ui } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themed, themedComputed } from '../theme/themed.ts';
import { type TextSize, textSizes, themeFor } from '../theme/tokens.ts';

const rowCount = 2;

function rowText(row: number): string {
  return row === 0 ? textSizeText(ui.textSize) : contrastText(ui.highContrast);
}

export default Blits.Component('Settings', {
  components: { KeyGuide, SettingRow },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" />
      <Text :content="$hint" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="80 + $t.size.title * 1.2"
        maxwidth="1728" maxlines="2" />
      <SettingRow x="96" :y="$top" :label="$textSizeLabel" :current="$textSizeValue"
        :focused="$row === 0" />
      <SettingRow x="96" :y="$top + $t.size.body * 2.2 + 32" :label="$contrastLabel"
        :current="$contrastValue" :focused="$row === 1" />
      <KeyGuide />
    </Element>
  `,
  state() {
    return { ...pickUi(themeFields), row: 0 };
  },
  computed: {
    ...themedComputed,
    title() {
      return ja.settings.title;
    },
    hint() {
      return breakable(ja.settings.hint);
    },
    top() {
      const { size } = themeFor(this);
      return 120 + size.title * 1.2 + size.small * 2.6;
    },
    textSizeLabel() {
      return ja.settings.textSize;
    },
    textSizeValue() {
      return ja.settings.textSizes[this.textSize];
    },
    contrastLabel() {
      return ja.settings.contrast;
    },
    contrastValue() {
      return ja.settings.contrasts[this.highContrast ? 'high' : 'normal'];
    },
  },
  hooks: {
    ...themed.hooks,
    focus() {
      announceScreen({ title: ja.settings.title, details: [ja.settings.hint], focus: rowText(this.row) });
    },
  },
  methods: {
    change(step: 1 | -1) {
      if (this.row === 1) {
        changeContrast(!ui.highContrast);
        return;
      }
      const index = textSizes.indexOf(ui.textSize) + step;
      const size = textSizes[Math.min(textSizes.length - 1, Math.max(0, index))] as TextSize;
      if (size !== ui.textSize) changeTextSize(size);
    },
    moveTo(row: number) {
      if (row < 0 || row >= rowCount || row === this.row) return;
      this.row = row;
      announceFocus(rowText(row));
    },
  },
  input: {
    up() {
      this.moveTo(this.row - 1);
    },
    down() {
      this.moveTo(this.row + 1);
    },
    left() {
      this.change(-1);
    },
    right() {
      this.change(1);
    },
    ok() {
      if (this.row === 1) changeContrast(!ui.highContrast);
      else changeTextSize(nextTextSize(ui.textSize));
    },
  },
});
