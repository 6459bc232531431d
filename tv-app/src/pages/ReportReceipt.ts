// The receipt: the receipt number in very large digits, the time and the insurer, said aloud with the
// number read digit by digit, and that it is kept in お知らせ. Also shows a sent report opened from the list.
import Blits from '@lightningjs/blits';
import FieldList from '../components/FieldList.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { reportStore } from '../state/report-store.ts';
import { ja } from '../texts/ja.ts';
import { japaneseDateTime, periodText, spokenDigits } from '../texts/japanese-dates.ts';
import { themed, themedComputed } from '../theme/themed.ts';

export default Blits.Component('ReportReceipt', {
  components: { FieldList, KeyGuide },
  template: `
    <Element>
      <Element x="0" y="28" w="1920" :h="$t.size.title * 1.9" :color="$t.color.panel" />
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$numberLabel" :size="$t.size.body" :color="$t.color.subtext" x="96" :y="80 + $t.size.title * 1.9" />
      <Text :content="$number" :size="$t.size.title * 1.5" :color="$t.color.focus" x="96"
        :y="90 + $t.size.title * 1.9 + $t.size.body * 1.3" maxwidth="1728" maxlines="1"
        :inspector-data="{role: 'receipt-number', number: $number}" />
      <FieldList x="96" :y="130 + $t.size.title * 1.9 + $t.size.body * 1.3 + $t.size.title * 1.9" :fields="$fields"
        labelWidth="260" />
      <Text :content="$saved" :size="$t.size.body" :color="$t.color.text" x="96" y="800" maxwidth="1728" maxlines="1" />
      <Text :content="$hint" :size="$t.size.body" :color="$t.color.focus" x="96" y="880" maxwidth="1728" maxlines="1" />
      <KeyGuide />
    </Element>
  `,
  props: ['fresh'],
  state: themed.state,
  computed: {
    ...themedComputed,
    title() {
      return ja.reports.receiptTitle;
    },
    numberLabel() {
      return ja.reports.receiptNumber;
    },
    number() {
      return reportStore.receipt?.receiptNumber ?? '';
    },
    fields() {
      const receipt = reportStore.receipt;
      if (!receipt) return [];
      return [
        { label: ja.reports.receiptTime, value: japaneseDateTime(receipt.receivedAt) },
        { label: ja.reports.receiptTo, value: `${receipt.insurerName}　${periodText(receipt.period)}` },
      ];
    },
    saved() {
      return ja.reports.savedToNotices;
    },
    hint() {
      return ja.okHome;
    },
  },
  hooks: {
    ...themed.hooks,
    focus() {
      const receipt = reportStore.receipt;
      if (!receipt) {
        this.$router.to('/reports');
        return;
      }
      announceScreen({
        title: ja.reports.receiptTitle,
        details: [
          ja.reports.receiptSpoken(spokenDigits(receipt.receiptNumber)),
          `${ja.reports.receiptTime}、${japaneseDateTime(receipt.receivedAt)}`,
          `${ja.reports.receiptTo}、${receipt.insurerName}`,
          ja.reports.savedToNotices,
          ja.okHome,
        ],
      });
    },
  },
  input: {
    ok() {
      this.$router.to('/');
    },
  },
});
