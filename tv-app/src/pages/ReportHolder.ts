// One report, pre-filled: the holder as verified from the card (name, birth date in the Japanese era,
// address), the insurer and its reference number. OK goes on to the insurer's questions.
import Blits from '@lightningjs/blits';
import FieldList from '../components/FieldList.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { reportStore } from '../state/report-store.ts';
import { ja } from '../texts/ja.ts';
import { periodText, warekiDate } from '../texts/japanese-dates.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themed, themedComputed } from '../theme/themed.ts';

function fieldsOfOpenReport() {
  const report = reportStore.open;
  if (!report) return [];
  const { fields } = ja.reports;
  return [
    { label: fields.name, value: report.holder.name },
    { label: fields.birth, value: warekiDate(report.holder.dateOfBirth) },
    { label: fields.address, value: report.holder.address },
    { label: fields.insurer, value: report.insurer.name },
    { label: fields.reference, value: report.referenceNumber },
    { label: fields.period, value: periodText(report.period) },
  ];
}

export default Blits.Component('ReportHolder', {
  components: { FieldList, KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="48" maxwidth="1728" maxlines="1" />
      <Text :content="$intro" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="64 + $t.size.title * 1.2"
        maxwidth="1728" maxlines="1" />
      <FieldList x="96" :y="96 + $t.size.title * 1.2 + $t.size.small * 1.3" :fields="$fields" labelWidth="300" />
      <Text :content="$next" :size="$t.size.body" :color="$t.color.focus" x="96" y="880" maxwidth="1728" maxlines="1" />
      <KeyGuide />
    </Element>
  `,
  state: themed.state,
  computed: {
    ...themedComputed,
    title() {
      return ja.reports.holderTitle(reportStore.open?.insurer.name ?? '');
    },
    intro() {
      return breakable(ja.reports.holderIntro);
    },
    fields() {
      return fieldsOfOpenReport();
    },
    next() {
      return ja.reports.holderNext;
    },
  },
  hooks: {
    ...themed.hooks,
    focus() {
      if (!reportStore.open) {
        this.$router.to('/reports');
        return;
      }
      announceScreen({
        title: ja.reports.holderTitle(reportStore.open.insurer.name),
        details: [
          ja.reports.holderIntro,
          ...fieldsOfOpenReport().map((field) => `${field.label}、${field.value}`),
          ja.reports.holderNext,
        ],
      });
    },
  },
  input: {
    ok() {
      if (reportStore.open) this.$router.to('/report/question/0');
    },
  },
});
