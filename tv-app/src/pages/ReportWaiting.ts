// The report is signed and kept on the box because the backend cannot be reached: it will be sent once, by
// itself, when the connection is back. When its receipt arrives while this screen is on, the receipt shows.
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import Notice from '../components/Notice.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { reportStore } from '../state/report-store.ts';
import { ja } from '../texts/ja.ts';

export default Blits.Component('ReportWaiting', {
  components: { KeyGuide, Notice },
  template: `
    <Element inspector-data="{role: 'report-waiting'}">
      <Notice :title="$title" :paragraphs="$paragraphs" :hint="$hint" />
      <KeyGuide />
    </Element>
  `,
  computed: {
    title() {
      return ja.reports.waitingTitle;
    },
    paragraphs() {
      return [ja.reports.waitingBody, ja.reports.waitingAuto];
    },
    hint() {
      return ja.okHome;
    },
  },
  state() {
    return { stopWatching: undefined as (() => void) | undefined };
  },
  hooks: {
    init() {
      this.stopWatching = reportStore.onArrival((receipt) => {
        reportStore.showReceipt(receipt);
        this.$router.to('/report/receipt', { fresh: true });
      });
    },
    destroy() {
      this.stopWatching?.();
    },
    focus() {
      announceScreen({
        title: ja.reports.waitingTitle,
        details: [ja.reports.waitingBody, ja.reports.waitingAuto, ja.okHome],
      });
    },
  },
  input: {
    ok() {
      this.$router.to('/');
    },
  },
});
