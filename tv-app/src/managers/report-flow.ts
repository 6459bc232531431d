// The 現況届's decisions shared by its screens: what a row of the list opens, sending the signed report (the
// password lives only in this call), and which screen follows the bridge's answer.
import { bridge, type ReportProblem, type SendReportResult } from '../api/bridge-client.ts';
import { nextTask } from '../state/next-task.ts';
import { reportStore } from '../state/report-store.ts';
import type { Destination } from './card-flow.ts';
import { signingTask } from './signing-task.ts';

/** Problems with a screen of their own in the report flow (the card's others use the card flow's screens). */
export const reportProblemScreens = [
  'card-removed',
  'certificate',
  'not-held',
  'unavailable',
  'failed',
] as const;
export type ReportProblemScreen = (typeof reportProblemScreens)[number];

/** Where a problem of listing or sending leads. */
export function destinationOfProblem(problem: ReportProblem, retryPath: string): Destination {
  switch (problem) {
    case 'signed-out':
      // Signed out meanwhile (idle, expiry): the card flow, then straight back here.
      nextTask.set(retryPath);
      return { path: '/card' };
    case 'no-card':
    case 'not-my-number-card':
    case 'no-reader':
      return { path: `/problem/${problem}` };
    case 'card-invalid':
      return { path: '/report/problem/certificate' };
    case 'not-registered':
    case 'format':
      return { path: '/report/problem/failed' };
    default:
      return { path: `/report/problem/${problem}` };
  }
}

export function destinationAfterSend(result: SendReportResult): Destination {
  if (result.ok) {
    reportStore.close();
    if (result.state === 'waiting') return { path: '/report/waiting' };
    reportStore.showReceipt(result.receipt);
    return { path: '/report/receipt', data: { fresh: true } };
  }
  if (result.problem === 'wrong') return { path: '/report/password', data: { wrong: true } };
  if (result.problem === 'blocked') return { path: '/blocked/sign' };
  return destinationOfProblem(result.problem, '/report/summary');
}

/** Signs and sends the open report with the password; the sending screen awaits the signing task. */
export function startSending(password: string): boolean {
  const report = reportStore.open;
  const answers = reportStore.answers();
  if (!report || !answers) return false;
  signingTask.start(
    bridge()
      .sendReport({ contractId: report.contractId, period: report.period, answers, password })
      .then(destinationAfterSend),
  );
  return true;
}
