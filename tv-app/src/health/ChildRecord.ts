// One child's record in four parts, switched with left/right or the digit buttons: 1 体重 and 2 身長 on the
// growth chart (the 2023 survey's percentile bands 3–97, the child's points on top, and where the latest one
// lies said in words), 3 健診 newest first, 4 予防接種 with the doses due first (next due at the top). Blue
// switches the chart to the 2010 survey where that survey has the curve (else it keeps its usual job); up/down
// scroll the lists a page at a time; OK goes back to the children. The chart screen is announced once its image is on the stage.
import Blits from '@lightningjs/blits';
import type { GrowthEdition } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { digitKeys } from '../input/digit-keys.ts';
import { changeContrast } from '../managers/display-settings.ts';
import { announceScreen, type ScreenAnnouncement } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { followUi, pickUi, themeFields, ui, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { type Theme, themeFor } from '../theme/tokens.ts';
import { chartPalette, drawGrowthChart } from './draw-growth-chart.ts';
import { chartFrame } from './growth-chart-frame.ts';
import { destinationOfHealthProblem } from './health-problem.ts';
import { defaultEdition, healthStore } from './health-store.ts';
import {
  type ChartMeasure,
  checkupLines,
  immunisationLines,
  latestLine,
  measurementsOf,
  nextDueSpoken,
} from './record-lines.ts';

const sections = ['weight', 'height', 'checkups', 'immunisations'] as const;
type Section = (typeof sections)[number];
const isChart = (section: Section): section is ChartMeasure => section === 'weight' || section === 'height';
const otherEdition = (edition: GrowthEdition): GrowthEdition => (edition === '2023' ? '2010' : '2023');

/** Where things go on the screen, from the text sizes. */
function layoutOf(t: Theme) {
  const tabY = Math.round(60 + t.size.title * 1.25 + t.size.body * 1.4);
  const tabH = Math.round(t.size.small * 1.5);
  const bodyY = tabY + tabH + 24;
  const legendY = 958 - Math.round(t.size.small * 1.3);
  const lineHeight = Math.round(t.size.body * 1.4);
  return {
    tabY,
    tabH,
    bodyY,
    legendY,
    chartH: legendY - 12 - bodyY,
    lineHeight,
    listLines: Math.max(1, Math.floor((958 - bodyY) / lineHeight)),
  };
}

const TAB_W = 400;
const TAB_GAP = 24;

// The announcement waiting for the chart to be drawn.
let pending: ScreenAnnouncement | undefined;
let drawing = 0;

export default Blits.Component('ChildRecord', {
  components: { KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="36" maxwidth="1728" maxlines="1" />
      <Text :content="$summaryLine" :size="$t.size.body" :color="$t.color.focus" x="96" :y="48 + $t.size.title * 1.25"
        maxwidth="1728" maxlines="1" />
      <Element :x="$tab0.x" :y="$layout.tabY" w="400" :h="$layout.tabH" :color="$tab0.focused ? $t.color.focus : $t.color.panel">
        <Text :content="$tab0.label" :size="$t.size.small" :color="$tab0.focused ? $t.color.focusText : $t.color.text"
          x="0" :y="$t.size.small * 0.2" w="400" maxwidth="400" align="center" maxlines="1" />
      </Element>
      <Element :x="$tab1.x" :y="$layout.tabY" w="400" :h="$layout.tabH" :color="$tab1.focused ? $t.color.focus : $t.color.panel">
        <Text :content="$tab1.label" :size="$t.size.small" :color="$tab1.focused ? $t.color.focusText : $t.color.text"
          x="0" :y="$t.size.small * 0.2" w="400" maxwidth="400" align="center" maxlines="1" />
      </Element>
      <Element :x="$tab2.x" :y="$layout.tabY" w="400" :h="$layout.tabH" :color="$tab2.focused ? $t.color.focus : $t.color.panel">
        <Text :content="$tab2.label" :size="$t.size.small" :color="$tab2.focused ? $t.color.focusText : $t.color.text"
          x="0" :y="$t.size.small * 0.2" w="400" maxwidth="400" align="center" maxlines="1" />
      </Element>
      <Element :x="$tab3.x" :y="$layout.tabY" w="400" :h="$layout.tabH" :color="$tab3.focused ? $t.color.focus : $t.color.panel">
        <Text :content="$tab3.label" :size="$t.size.small" :color="$tab3.focused ? $t.color.focusText : $t.color.text"
          x="0" :y="$t.size.small * 0.2" w="400" maxwidth="400" align="center" maxlines="1" />
      </Element>
      <Element x="96" :y="$layout.bodyY" w="1728" :h="$layout.chartH" :src="$chartSrc"
        :alpha="$chartShown ? 1 : 0" @loaded="$chartLoaded" />
      <Text :content="$editionLine" :alpha="$chartShown ? 1 : 0" :size="$t.size.small" :color="$t.color.subtext" x="96"
        :y="$layout.legendY" maxwidth="1728" maxlines="1" />
      <Text :content="$listText" :alpha="$chartShown ? 0 : 1" :size="$t.size.body" :color="$t.color.text" x="96"
        :y="$layout.bodyY" maxwidth="1728" :lineheight="$layout.lineHeight" :maxlines="$layout.listLines" />
      <KeyGuide />
    </Element>
  `,
  props: ['id'],
  state() {
    return {
      ...pickUi(themeFields),
      sectionIndex: 0,
      edition: defaultEdition,
      otherAvailable: false,
      title: '',
      summary: '',
      chartSrc: null as ImageData | null,
      chartShown: false,
      lines: [] as string[],
      scroll: 0,
    };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    layout() {
      return layoutOf(themeFor(this));
    },
    tab0() {
      return this.tabOf(0);
    },
    tab1() {
      return this.tabOf(1);
    },
    tab2() {
      return this.tabOf(2);
    },
    tab3() {
      return this.tabOf(3);
    },
    /** Charts: the latest measurement in words; lists: which page is on show when there are several. */
    summaryLine() {
      if (this.chartShown) return this.summary;
      const { listLines } = layoutOf(themeFor(this));
      const step = Math.max(1, listLines - 1);
      const pages = Math.ceil(Math.max(0, this.lines.length - 1) / step);
      return pages > 1 ? ja.health.page(Math.floor(this.scroll / step) + 1, pages) : '';
    },
    editionLine() {
      const section = sections[this.sectionIndex] as Section;
      const other =
        isChart(section) && this.otherAvailable ? ja.health.edition[otherEdition(this.edition)] : null;
      return ja.health.editionLine(ja.health.edition[this.edition], other);
    },
    listText() {
      const { listLines } = layoutOf(themeFor(this));
      return this.lines
        .slice(this.scroll, this.scroll + listLines)
        .map((line) => breakable(line))
        .join('\n');
    },
  },
  watch: {
    // The chart is an image: drawn again in the new colours or size.
    highContrast() {
      if (this.chartShown) void this.show();
    },
    textSize() {
      if (this.chartShown) void this.show();
    },
  },
  hooks: {
    init() {
      followUi(this, themeFields);
    },
    destroy() {
      unfollowUi(this);
      drawing += 1;
      pending = undefined;
    },
    ready() {
      const child = healthStore.child(this.childId());
      if (!child) {
        this.$router.to('/children');
        return;
      }
      void this.show();
    },
  },
  methods: {
    childId(): string {
      return decodeURIComponent(String(this.id ?? ''));
    },
    tabOf(index: number) {
      const section = sections[index] as Section;
      return {
        x: 96 + index * (TAB_W + TAB_GAP),
        label: `${index + 1} ${ja.health.sections[section]}`,
        focused: index === this.sectionIndex,
      };
    },
    /** Shows the current section: fetches what it needs, draws the chart, says the screen. */
    async show(changed?: string): Promise<void> {
      const turn = ++drawing;
      const id = this.childId();
      const child = healthStore.child(id);
      if (!child) return;
      const section = sections[this.sectionIndex] as Section;
      const title = ja.health.sectionTitle(child.name, ja.health.sections[section]);
      const hints = [ja.health.sectionHint, ja.health.okBack];
      if (!isChart(section)) {
        const result = await healthStore.record(id, defaultEdition);
        if (turn !== drawing) return;
        if (!result.ok) return this.leave(result.problem);
        const lines = section === 'checkups' ? checkupLines(result.value) : immunisationLines(result.value);
        const first = section === 'immunisations' ? nextDueSpoken(result.value) : undefined;
        Object.assign(this, { title, summary: '', lines, scroll: 0, chartShown: false });
        const { listLines } = layoutOf(themeFor(this));
        announceScreen({
          title,
          details: [
            ...(first ? [first] : []),
            ...lines,
            ...(lines.length > listLines ? [ja.health.scrollHint] : []),
            ...hints,
          ],
        });
        return;
      }
      const edition = this.edition;
      const [record, curves, other] = await Promise.all([
        healthStore.record(id, edition),
        healthStore.curves({ measure: section, sex: child.sex, edition }),
        healthStore.curves({ measure: section, sex: child.sex, edition: otherEdition(edition) }),
      ]);
      if (turn !== drawing) return;
      if (!record.ok) return this.leave(record.problem);
      if (!curves.ok) return this.leave(curves.problem);
      const otherAvailable = other.ok && other.value !== null;
      if (curves.value === null) {
        // This survey has no curve for this measure: back to the default survey.
        if (edition !== defaultEdition) {
          this.edition = defaultEdition;
          return this.show();
        }
        Object.assign(this, { title, summary: ja.health.noCurve, chartShown: false, lines: [] });
        announceScreen({ title, details: [ja.health.noCurve, ...hints] });
        return;
      }
      const points = measurementsOf(record.value, section).map(({ ageMonths, value }) => ({
        ageMonths,
        value,
      }));
      const { chartH } = layoutOf(themeFor(this));
      const chart = drawGrowthChart({
        curves: curves.value,
        points,
        frame: chartFrame(curves.value, points),
        palette: chartPalette(ui.highContrast),
        width: 1728,
        height: chartH,
        font: 'ud',
        legend: ja.health.legend,
      });
      const summary = latestLine(record.value, section);
      pending = {
        title,
        details: [
          ...(changed ? [changed] : []),
          summary,
          ja.health.editionSpoken[edition],
          ja.health.legendSpoken,
          ...(otherAvailable && edition === defaultEdition ? [ja.health.otherEditionSpoken] : []),
          ...hints,
        ],
      };
      Object.assign(this, { title, summary, otherAvailable, lines: [], chartSrc: chart, chartShown: true });
    },
    /** The chart image is a texture now: say the screen once it has been drawn. */
    chartLoaded() {
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!pending) return;
          announceScreen(pending);
          pending = undefined;
        }),
      );
    },
    leave(problem: Parameters<typeof destinationOfHealthProblem>[0]) {
      const here = `/child/${encodeURIComponent(this.childId())}`;
      if (currentPath() !== here) return;
      const next = destinationOfHealthProblem(problem, here);
      this.$router.to(next.path, next.data ?? {});
    },
    choose(index: number) {
      if (index < 0 || index >= sections.length || index === this.sectionIndex) return;
      this.sectionIndex = index;
      this.edition = defaultEdition;
      void this.show();
    },
    digit(n: number) {
      this.choose(n - 1);
    },
  },
  input: {
    left() {
      this.choose(this.sectionIndex - 1);
    },
    right() {
      this.choose(this.sectionIndex + 1);
    },
    // A page at a time, keeping the last line of the page on show at the top.
    up() {
      const { listLines } = layoutOf(themeFor(this));
      this.scroll = Math.max(0, this.scroll - Math.max(1, listLines - 1));
    },
    down() {
      const { listLines } = layoutOf(themeFor(this));
      if (this.scroll + listLines < this.lines.length) this.scroll += Math.max(1, listLines - 1);
    },
    ok() {
      this.$router.to('/children');
    },
    blue() {
      const section = sections[this.sectionIndex] as Section;
      if (!isChart(section) || !this.otherAvailable) {
        changeContrast(!ui.highContrast);
        return;
      }
      this.edition = otherEdition(this.edition);
      void this.show(ja.health.editionChanged(ja.health.edition[this.edition]));
    },
    ...digitKeys(sections.length),
  },
});
