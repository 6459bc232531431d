// The 現況届 list: the reports due (overdue ones say so), the ones waiting on the box to be sent, and the ones
// sent with their receipt numbers. Each row has its number (the digit opens it); four rows show at a time.
import Blits from '@lightningjs/blits';
import { bridge, type ReportsView } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import MenuTile, { LIST_SLOTS, listSlots } from '../components/MenuTile.ts';
import { digitKeys } from '../input/digit-keys.ts';
import { destinationOfProblem } from '../managers/report-flow.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { reportStore } from '../state/report-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { dayText, periodText } from '../texts/japanese-dates.ts';
import { type DisplaySettings, themeFor } from '../theme/tokens.ts';

interface Row {
  id: string;
  label: string;
  note: string;
  open: { kind: 'due' | 'waiting' | 'sent'; index: number };
}

function rowsOf(reports: ReportsView): Row[] {
  const text = ja.reports;
  return [
    ...reports.due.map((report, index) => ({
      id: `due-${report.contractId}-${report.period}`,
      label: text.dueRow(report.insurer.name, periodText(report.period)),
      note: (report.overdue ? text.overdue : text.dueBy)(dayText(report.dueBy)),
      open: { kind: 'due' as const, index },
    })),
    ...reports.waiting.map((report, index) => ({
      id: `waiting-${report.contractId}-${report.period}`,
      label: text.dueRow(report.insurerName, periodText(report.period)),
      note: report.problem ? text.failedRow : text.waitingRow,
      open: { kind: 'waiting' as const, index },
    })),
    ...reports.sent.map((receipt, index) => ({
      id: `sent-${receipt.receiptNumber}`,
      label: text.dueRow(receipt.insurerName, periodText(receipt.period)),
      note: text.sentRow(receipt.receiptNumber),
      open: { kind: 'sent' as const, index },
    })),
  ];
}

const spoken = (row: Row | undefined, index: number) =>
  row ? `${ja.numbered(index + 1, row.label)}。${row.note}` : '';

/** The tiles on screen: a window of four rows that follows the focus. */
function slotsOf(page: DisplaySettings & { rows: Row[]; focusIndex: number }) {
  const first = Math.max(0, Math.min(page.focusIndex - 1, page.rows.length - LIST_SLOTS));
  const rows = page.rows.slice(first, first + LIST_SLOTS).map((row) => row);
  return listSlots(themeFor(page), first, page.focusIndex, rows);
}

export default Blits.Component('ReportList', {
  components: { KeyGuide, MenuTile },
  template: `
    <Element w="1920" h="1080">
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$message" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="80 + $t.size.title * 1.2"
        maxwidth="1728" maxlines="1" inspector-data="{role: 'report-list-message'}" />
      <!-- Four tiles, not a :for: Blits 1.27 does not draw the items of a loop filled after the screen was built. -->
      <MenuTile :alpha="$s0.shown ? 1 : 0" x="96" :y="$s0.y" w="1728" :h="$s0.h" :id="$s0.id"
        :number="$s0.number" :label="$s0.label" :note="$s0.note" :focused="$s0.focused" />
      <MenuTile :alpha="$s1.shown ? 1 : 0" x="96" :y="$s1.y" w="1728" :h="$s1.h" :id="$s1.id"
        :number="$s1.number" :label="$s1.label" :note="$s1.note" :focused="$s1.focused" />
      <MenuTile :alpha="$s2.shown ? 1 : 0" x="96" :y="$s2.y" w="1728" :h="$s2.h" :id="$s2.id"
        :number="$s2.number" :label="$s2.label" :note="$s2.note" :focused="$s2.focused" />
      <MenuTile :alpha="$s3.shown ? 1 : 0" x="96" :y="$s3.y" w="1728" :h="$s3.h" :id="$s3.id"
        :number="$s3.number" :label="$s3.label" :note="$s3.note" :focused="$s3.focused" />
      <KeyGuide />
    </Element>
  `,
  state() {
    return { ...pickUi(themeFields), rows: [] as Row[], focusIndex: 0, loaded: false };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    title() {
      return ja.reports.listTitle;
    },
    message() {
      if (!this.loaded) return ja.reports.loading;
      return this.rows.length === 0 ? ja.reports.none : ja.reports.listHint;
    },

    s0() {
      return slotsOf(this)[0];
    },
    s1() {
      return slotsOf(this)[1];
    },
    s2() {
      return slotsOf(this)[2];
    },
    s3() {
      return slotsOf(this)[3];
    },
  },
  hooks: {
    init() {
      followUi(this, themeFields);
    },
    destroy() {
      unfollowUi(this);
    },
    async ready() {
      announceScreen({ title: ja.reports.listTitle, details: [ja.reports.loading] });
      const result = await bridge().reports();
      if (currentPath() !== '/reports') return;
      if (!result.ok) {
        const next = destinationOfProblem(result.problem, '/reports');
        this.$router.to(next.path, next.data ?? {});
        return;
      }
      reportStore.setReports(result.reports);
      this.rows = rowsOf(result.reports);
      this.loaded = true;
      this.focusIndex = 0;
      const first = this.rows[0];
      announceScreen({
        title: ja.reports.listTitle,
        details: [first ? ja.reports.listHint : ja.reports.none],
        ...(first ? { focus: spoken(first, 0) } : {}),
      });
    },
  },
  methods: {
    moveTo(index: number) {
      if (index < 0 || index >= this.rows.length || index === this.focusIndex) return;
      this.focusIndex = index;
      announceFocus(spoken(this.rows[index], index));
    },
    open(index: number) {
      const row = this.rows[index];
      if (!row) return;
      const { reports } = reportStore;
      if (row.open.kind === 'due') {
        const report = reports.due[row.open.index];
        if (!report) return;
        reportStore.openReport(report);
        this.$router.to('/report/holder');
      } else if (row.open.kind === 'waiting') {
        const queued = reports.waiting[row.open.index];
        if (!queued?.problem) {
          this.$router.to('/report/waiting');
          return;
        }
        // Refused for good: say why, once; it then leaves the box (the report can be made again).
        void bridge().dismissReport(queued.submissionId);
        const next = destinationOfProblem(queued.problem, '/reports');
        this.$router.to(next.path, next.data ?? {});
      } else {
        const receipt = reports.sent[row.open.index];
        if (!receipt) return;
        reportStore.showReceipt(receipt);
        this.$router.to('/report/receipt', { fresh: false });
      }
    },
    digit(n: number) {
      if (n < 1 || n > this.rows.length) return;
      this.moveTo(n - 1);
      this.open(n - 1);
    },
  },
  input: {
    up() {
      this.moveTo(this.focusIndex - 1);
    },
    down() {
      this.moveTo(this.focusIndex + 1);
    },
    ok() {
      this.open(this.focusIndex);
    },
    ...digitKeys(9),
  },
});
