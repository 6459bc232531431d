// One answer of the alert overlay: a tile in the remote button's colour, framing the button's name and the
// answer it gives. Position and sizes come worked out in the tile (alert-view.ts); a tile of width 0 is hidden.
import Blits from '@lightningjs/blits';

export default Blits.Component('AlertAnswer', {
  template: `
    <Element :show="$tile.w > 0" :x="$tile.x" :y="$tile.y" :w="$tile.w" :h="$tile.h" :color="$tile.color"
      :inspector-data="{role: 'alert-answer', key: $tile.key, label: $tile.label}">
      <Element x="10" y="10" :w="$tile.w - 20" :h="$tile.h - 20" color="#000000">
        <Text :content="$tile.name" :size="$tile.nameSize" color="#ffffff" x="0" :y="$tile.nameY"
          :maxwidth="$tile.w - 20" align="center" />
        <Text :content="$tile.label" :size="$tile.labelSize" color="#ffffff" x="0" :y="$tile.labelY"
          :maxwidth="$tile.w - 20" align="center" maxlines="1" />
      </Element>
    </Element>
  `,
  props: ['tile'],
});
