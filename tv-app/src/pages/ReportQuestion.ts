// One of the insurer's yes/no questions, in large type, with two answers: 1 はい and 2 いいえ. The focus starts
// on はい (the usual answer to "alive / same address / same account"), so the usual case is one press of OK;
// still every question is answered by a press of its own, and the summary asks once more before sending.
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile from '../components/MenuTile.ts';
import { twoChoiceKeys } from '../input/choice-keys.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { reportStore } from '../state/report-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themeFor } from '../theme/tokens.ts';

const choices = [ja.reports.yes, ja.reports.no];
const spokenChoice = (index: number) => ja.numbered(index + 1, choices[index] ?? '');

function questionAt(step: unknown) {
  const questions = reportStore.open?.questions ?? [];
  const at = Number(step);
  return { question: questions[at], at, count: questions.length };
}

export default Blits.Component('ReportQuestion', {
  components: { KeyGuide, MenuTile },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Element x="96" :y="90 + $t.size.title * 1.3" w="1728" :h="$t.size.title * 1.45 * 3 + 72" :color="$t.color.outline">
        <Element x="5" y="5" w="1718" :h="$t.size.title * 1.45 * 3 + 62" :color="$t.color.panel">
          <Text :content="$text" :size="$t.size.title" :color="$t.color.text" x="48" y="31" maxwidth="1622" maxlines="3"
            :lineheight="$t.size.title * 1.45" :inspector-data="{role: 'question', id: $questionId}" />
        </Element>
      </Element>
      <MenuTile :for="(tile, index) in $tiles" key="$tile.id" :x="96 + $index * 884" :y="$tilesY" tileW="844" :tileH="$tileH"
        :id="$tile.id" :number="$index + 1" :label="$tile.label" :focused="$tile.focused" />
      <Text :content="$hint" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="$tilesY + $tileH + 28"
        maxwidth="1728" maxlines="1" />
      <KeyGuide />
    </Element>
  `,
  // Not `index`: Blits gives a component a value of its own under that name.
  props: ['step'],
  state() {
    return { ...pickUi(themeFields), choice: 0 };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    title() {
      const { at, count } = questionAt(this.step);
      return ja.reports.questionTitle(at + 1, count);
    },
    text() {
      return breakable(questionAt(this.step).question?.text ?? '');
    },
    questionId() {
      return questionAt(this.step).question?.id ?? '';
    },
    tilesY() {
      const { size } = themeFor(this);
      return 130 + size.title * 1.3 + size.title * 1.45 * 3 + 72;
    },
    tileH() {
      return Math.round(themeFor(this).size.body * 2.6);
    },
    tiles() {
      return choices.map((label, index) => ({
        id: index === 0 ? 'yes' : 'no',
        label,
        focused: index === this.choice,
      }));
    },
    hint() {
      return ja.reports.answerHint;
    },
  },
  hooks: {
    init() {
      followUi(this, themeFields);
      const { question } = questionAt(this.step);
      this.choice = question && reportStore.answerOf(question.id) === false ? 1 : 0;
    },
    destroy() {
      unfollowUi(this);
    },
    focus() {
      const { question, at, count } = questionAt(this.step);
      if (!question) {
        this.$router.to('/reports');
        return;
      }
      announceScreen({
        title: ja.reports.questionTitle(at + 1, count),
        details: [question.text],
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
      const { question, at, count } = questionAt(this.step);
      if (!question) return;
      reportStore.answer(question.id, choice === 0);
      this.$router.to(at + 1 < count ? `/report/question/${at + 1}` : '/report/summary');
    },
  },
  input: twoChoiceKeys,
});
