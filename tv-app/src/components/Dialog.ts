// The modal dialog (managers/dialog-manager.ts drives it): a dimmed screen, a box with a title, a message and
// a row of choices, the focused one in yellow.
import Blits from '@lightningjs/blits';
import { breakable } from '../texts/line-breaks.ts';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

export default Blits.Component('Dialog', {
  template: `
    <Element w="1920" h="1080" color="#000000d0" :inspector-data="{role: 'dialog', id: $id}">
      <Element x="100" y="60" w="1720" h="880" :color="$t.color.outline">
        <Element x="6" y="6" w="1708" h="868" :color="$t.color.warning">
          <Text :content="$title" :size="$t.size.title" :color="$t.color.warningText" x="64" y="48"
            maxwidth="1580" maxlines="1" />
          <Text :content="$lines" :size="$t.size.body" :color="$t.color.warningText" x="64" :y="72 + $t.size.title * 1.5"
            maxwidth="1580" :lineheight="$t.size.body * 1.45" maxlines="5" />
          <Element :for="(choice, index) in $choices" key="$choice" :x="64 + $index * 560" y="698" w="520" h="130"
            :color="$index === $focus ? $t.color.focus : $t.color.background"
            :inspector-data="{role: 'dialog-choice', label: $choice, focused: $index === $focus}">
            <Text :content="$choice" :size="$t.size.body" :color="$index === $focus ? $t.color.focusText : $t.color.text"
              x="0" maxwidth="520" align="center" :y="65 - $t.size.body * 0.6" />
          </Element>
        </Element>
      </Element>
    </Element>
  `,
  props: ['id', 'title', 'body', 'choices', 'focus'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    lines() {
      return breakable(String(this.body ?? ''));
    },
  },
});
