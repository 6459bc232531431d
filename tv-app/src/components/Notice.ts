// A full-screen message: a title (on a warning band when `warning`), a few paragraphs, and what OK does.
import Blits from '@lightningjs/blits';
import { breakable } from '../texts/line-breaks.ts';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

export default Blits.Component('Notice', {
  template: `
    <Element :inspector-data="{role: 'notice', title: $title}">
      <Element :show="!!$warning" x="0" y="28" w="1920" :h="$t.size.title * 1.9" :color="$t.color.warning" />
      <Text :content="$title" :size="$t.size.title" :color="$warning ? $t.color.warningText : $t.color.text"
        x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :for="(paragraph, index) in $lines" key="$index" :content="$paragraph" :size="$t.size.body"
        :color="$t.color.text" x="96" :y="$top + $index * $step" maxwidth="1728" :lineheight="$t.size.body * 1.45"
        maxlines="3" />
      <Text :content="$hintText" :size="$t.size.body" :color="$t.color.focus" x="96" y="860" maxwidth="1728" maxlines="1" />
    </Element>
  `,
  props: ['title', 'paragraphs', 'hint', 'warning'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    lines() {
      return ((this.paragraphs ?? []) as string[]).map(breakable);
    },
    hintText() {
      return breakable(String(this.hint ?? ''));
    },
    top() {
      return 90 + themeFor(this).size.title * 1.9;
    },
    step() {
      return Math.round(themeFor(this).size.body * 1.45 * 3 + 24);
    },
  },
});
