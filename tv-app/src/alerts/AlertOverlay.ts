// The disaster alert over whatever is on (alerts/alert-manager.ts drives it through the app state): the
// screen dimmed, a panel in the 警戒レベル colour framed in white, the header and 訓練 badge, the title, what to
// do, the place with an arrow pointing its way (north up), the English texts under them (a household that asked
// for English), and the four answers in the remote's colours. Every
// position and size comes worked out from alert-view.ts.
import Blits from '@lightningjs/blits';
import AlertAnswer from './AlertAnswer.ts';
import type { AlertScreen, AnswerTile } from './alert-view.ts';
import { PANEL } from './alert-view.ts';

const empty: AlertScreen = {
  id: '',
  seq: 0,
  phase: 'alert',
  level: null,
  color: '#000000',
  textColor: '#ffffff',
  header: '',
  badge: '',
  title: '',
  action: '',
  place: '',
  english: '',
  hint: '',
  arrow: -1,
  direction: '',
  answers: [],
  layout: {
    titleSize: 48,
    bodySize: 48,
    smallSize: 48,
    titleY: 0,
    actionY: 0,
    placeY: 0,
    placeWidth: 100,
    englishY: 0,
    englishSize: 48,
    englishWidth: 100,
    answersY: 0,
    tileH: 0,
    hintY: 0,
    panelY: 0,
    panelH: 0,
    titleLines: 1,
    actionLines: 1,
    placeLines: 1,
    englishLines: 0,
  },
};

const noTile: AnswerTile = {
  key: 'red',
  name: '',
  label: '',
  color: '#000000',
  x: 0,
  y: 0,
  w: 0,
  h: 0,
  labelSize: 48,
  nameSize: 48,
  nameY: 0,
  labelY: 0,
};

/** A copy each time: Blits merges a new object prop into the old one (Object.assign), so the four tiles must
 * never hold the same object, nor one of the screen's. */
function tileOf(screen: unknown, index: number): AnswerTile {
  return { ...((screen as AlertScreen | null)?.answers[index] ?? noTile) };
}

export default Blits.Component('AlertOverlay', {
  components: { AlertAnswer },
  template: `
    <Element w="1920" h="1080" color="#000000e0"
      :inspector-data="{role: 'alert', id: $s.id, phase: $s.phase, level: String($s.level), color: $s.color}">
      <Element :x="$panel.x - 8" :y="$s.layout.panelY - 8" :w="$panel.w + 16" :h="$s.layout.panelH + 16"
        color="#ffffff">
        <Element x="8" y="8" :w="$panel.w" :h="$s.layout.panelH" :color="$s.color">
          <Text :content="$s.header" :size="$s.layout.smallSize" :color="$s.textColor" :x="$panel.padding"
            :y="$panel.padding" maxlines="1" />
          <Element :show="$s.badge !== ''" :x="$panel.w - $panel.padding - 300" :y="$panel.padding - 12" w="300"
            :h="$s.layout.smallSize * 1.5" color="#ffd400" inspector-data="{role: 'alert-exercise'}">
            <Text :content="$s.badge" :size="$s.layout.smallSize" color="#000000" x="0" w="300" maxwidth="300"
              align="center" y="12" />
          </Element>
          <Text :content="$s.title" :size="$s.layout.titleSize" :color="$s.textColor" :x="$panel.padding"
            :y="$panel.padding + $s.layout.titleY" :maxwidth="$panel.w - 2 * $panel.padding"
            :lineheight="$s.layout.titleSize * 1.2" :maxlines="$s.layout.titleLines" />
          <Text :content="$s.action" :size="$s.layout.bodySize" :color="$s.textColor" :x="$panel.padding"
            :y="$panel.padding + $s.layout.actionY" :maxwidth="$panel.w - 2 * $panel.padding"
            :lineheight="$s.layout.bodySize * 1.4" :maxlines="$s.layout.actionLines" />
          <Text :show="$s.place !== ''" :content="$s.place" :size="$s.layout.bodySize" :color="$s.textColor"
            :x="$panel.padding" :y="$panel.padding + $s.layout.placeY" :maxwidth="$s.layout.placeWidth"
            :lineheight="$s.layout.bodySize * 1.4" :maxlines="$s.layout.placeLines" />
          <Text :show="$s.layout.englishLines > 0" :content="$s.english" :size="$s.layout.englishSize"
            :color="$s.textColor" :x="$panel.padding" :y="$panel.padding + $s.layout.englishY"
            :maxwidth="$s.layout.englishWidth" :lineheight="$s.layout.englishSize * 1.3" :maxlines="$s.layout.englishLines"
            inspector-data="{role: 'alert-english'}" />
          <Element :show="$s.arrow >= 0" :x="$panel.w - $panel.padding - 220" :y="$panel.padding + $s.layout.placeY"
            w="220" h="220" color="#000000" inspector-data="{role: 'alert-direction'}">
            <Element x="40" y="4" w="140" h="140" pivot="0.5" :rotation="$s.arrow">
              <Text content="↑" size="130" color="#ffffff" x="0" y="0" w="140" maxwidth="140" align="center" />
            </Element>
            <Text :content="$s.direction" size="48" color="#ffffff" x="0" y="156" w="220" maxwidth="220"
              align="center" />
          </Element>
          <AlertAnswer :tile="$a0" />
          <AlertAnswer :tile="$a1" />
          <AlertAnswer :tile="$a2" />
          <AlertAnswer :tile="$a3" />
          <Text :show="$s.hint !== ''" :content="$s.hint" :size="$s.layout.smallSize" :color="$s.textColor"
            :x="$panel.padding" :y="$panel.padding + $s.layout.hintY" :maxwidth="$panel.w - 2 * $panel.padding"
            maxlines="1" />
        </Element>
      </Element>
    </Element>
  `,
  props: ['screen'],
  computed: {
    s() {
      return (this.screen as AlertScreen | null) ?? empty;
    },
    panel() {
      return PANEL;
    },
    // The four answers as four fixed tiles: a `:for` over a list inside the prop did not render in Blits 1.27.
    a0() {
      return tileOf(this.screen, 0);
    },
    a1() {
      return tileOf(this.screen, 1);
    },
    a2() {
      return tileOf(this.screen, 2);
    },
    a3() {
      return tileOf(this.screen, 3);
    },
  },
});
