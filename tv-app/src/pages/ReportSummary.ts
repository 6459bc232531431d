// The report's summary in large type: each question with its answer, and the declaration the signature
// stands for. The viewer sends deliberately (この内容で送る, focused) or goes back to the first question.
import Blits from '@lightningjs/blits';
import FieldList from '../components/FieldList.ts';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile from '../components/MenuTile.ts';
import { twoChoiceKeys } from '../input/choice-keys.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { reportStore } from '../state/report-store.ts';
import { pickUi, themeFields } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themed, themedComputed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

const choices = [ja.reports.send, ja.reports.redo];
const spokenChoice = (index: number) => ja.numbered(index + 1, choices[index] ?? '');

function answeredQuestions() {
  return (reportStore.open?.questions ?? []).map((question, index) => {
    const answer = reportStore.answerOf(question.id);
    const answerText = answer === undefined ? '' : answer ? ja.reports.yes : ja.reports.no;
    return { label: ja.reports.questionLabel(index + 1), text: question.text, answerText };
  });
}

export default Blits.Component('ReportSummary', {
  components: { FieldList, KeyGuide, MenuTile },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="40" maxwidth="1728" maxlines="1" />
      <FieldList x="96" :y="56 + $t.size.title * 1.3" :fields="$fields" labelWidth="230" valueLines="2" />
      <Text :content="$declaration" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="$declarationY"
        maxwidth="1728" maxlines="2" :lineheight="$t.size.small * 1.3" />
      <MenuTile :for="(tile, index) in $tiles" key="$tile.id" :x="96 + $index * 884" :y="$tilesY" tileW="844" :tileH="$tileH"
        :id="$tile.id" :number="$index + 1" :label="$tile.label" :focused="$tile.focused" />
      <KeyGuide />
    </Element>
  `,
  state() {
    return { ...pickUi(themeFields), choice: 0 };
  },
  computed: {
    ...themedComputed,
    title() {
      return ja.reports.summaryTitle;
    },
    fields() {
      return answeredQuestions().map((entry) => ({
        label: entry.label,
        value: `${entry.answerText}　${entry.text}`,
      }));
    },
    declaration() {
      return breakable(reportStore.open?.declaration ?? '');
    },
    declarationY() {
      const { size } = themeFor(this);
      const rows = reportStore.open?.questions.length ?? 0;
      return (
        56 + size.title * 1.3 + rows * (Math.round(size.body * 1.3) * 2 + Math.round(size.body * 0.45)) + 8
      );
    },
    tileH() {
      return Math.round(themeFor(this).size.body * 2.2);
    },
    tilesY() {
      return 952 - Math.round(themeFor(this).size.body * 2.2);
    },
    tiles() {
      return choices.map((label, index) => ({
        id: index === 0 ? 'send' : 'redo',
        label,
        focused: index === this.choice,
      }));
    },
  },
  hooks: {
    ...themed.hooks,
    focus() {
      if (!reportStore.answers()) {
        this.$router.to('/reports');
        return;
      }
      announceScreen({
        title: ja.reports.summaryTitle,
        details: [
          ja.reports.summaryIntro,
          ...answeredQuestions().map((entry) => `${entry.text}、${entry.answerText}`),
          reportStore.open?.declaration ?? '',
        ],
        focus: spokenChoice(this.choice),
      });
    },
  },
  methods: {
    moveTo(choice: number) {
      if (choice === this.choice || choice < 0 || choice > 1) return;
      this.choice = choice;
      announceFocus(spokenChoice(choice));
    },
    choose(choice: number) {
      this.$router.to(choice === 0 ? '/report/password' : '/report/question/0');
    },
  },
  input: twoChoiceKeys,
});
