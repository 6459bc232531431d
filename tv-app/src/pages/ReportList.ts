// The 現況届 list: the reports due (overdue ones say so), the ones waiting on the box to be sent, and the ones
// sent with their receipt numbers. Each row has its number (the digit opens it); four rows show at a time.
import { bridge, type ReportsView } from '../api/bridge-client.ts';
import { destinationOfProblem } from '../managers/report-flow.ts';
import { reportStore } from '../state/report-store.ts';
import { ja } from '../texts/ja.ts';
import { dayText, periodText } from '../texts/japanese-dates.ts';
import { type ListRow, listPage } from './list-page.ts';

type Opens = { kind: 'due' | 'waiting' | 'sent'; index: number };

function rowsOf(reports: ReportsView): ListRow<Opens>[] {
  const text = ja.reports;
  return [
    ...reports.due.map((report, index) => ({
      id: `due-${report.contractId}-${report.period}`,
      label: text.dueRow(report.insurer.name, periodText(report.period)),
      note: (report.overdue ? text.overdue : text.dueBy)(dayText(report.dueBy)),
      item: { kind: 'due' as const, index },
    })),
    ...reports.waiting.map((report, index) => ({
      id: `waiting-${report.contractId}-${report.period}`,
      label: text.dueRow(report.insurerName, periodText(report.period)),
      note: report.problem ? text.failedRow : text.waitingRow,
      item: { kind: 'waiting' as const, index },
    })),
    ...reports.sent.map((receipt, index) => ({
      id: `sent-${receipt.receiptNumber}`,
      label: text.dueRow(receipt.insurerName, periodText(receipt.period)),
      note: text.sentRow(receipt.receiptNumber),
      item: { kind: 'sent' as const, index },
    })),
  ];
}

export default listPage({
  path: '/reports',
  title: ja.reports.listTitle,
  hint: ja.reports.listHint,
  empty: ja.reports.none,
  rememberFocus: false,
  messageRole: 'report-list-message',
  fetch: () => bridge().reports(),
  settle(result) {
    if (!result.ok) return destinationOfProblem(result.problem, '/reports');
    reportStore.setReports(result.reports);
    return rowsOf(result.reports);
  },
  open(opens, go) {
    const { reports } = reportStore;
    if (opens.kind === 'due') {
      const report = reports.due[opens.index];
      if (!report) return;
      reportStore.openReport(report);
      go('/report/holder');
    } else if (opens.kind === 'waiting') {
      const queued = reports.waiting[opens.index];
      if (!queued?.problem) {
        go('/report/waiting');
        return;
      }
      // Refused for good: say why, once; it then leaves the box (the report can be made again).
      void bridge().dismissReport(queued.submissionId);
      const next = destinationOfProblem(queued.problem, '/reports');
      go(next.path, next.data);
    } else {
      const receipt = reports.sent[opens.index];
      if (!receipt) return;
      reportStore.showReceipt(receipt);
      go('/report/receipt', { fresh: false });
    }
  },
});
