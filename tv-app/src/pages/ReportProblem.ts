// Something stopped a report: the card came off while signing (nothing sent, safe to try again), the
// signature certificate is revoked or expired (register the renewed one), the contract is not the signer's,
// no connection. Says what happened, that nothing was sent, and what OK does.
import { bridge } from '../api/bridge-client.ts';
import type { ReportProblemScreen } from '../managers/report-flow.ts';
import { nextTask } from '../state/next-task.ts';
import { ja } from '../texts/ja.ts';
import { noticePage } from './notice-page.ts';

const texts: Record<ReportProblemScreen, { title: string; body: string }> = ja.reports.problems;

function shownOf(problem: unknown): ReportProblemScreen {
  return typeof problem === 'string' && problem in texts ? (problem as ReportProblemScreen) : 'failed';
}

/** What OK does after each problem: try again from the summary, register a renewed certificate, or home. */
function actionOf(problem: ReportProblemScreen): { hint: string; path: string } {
  if (problem === 'card-removed' || problem === 'unavailable' || problem === 'failed') {
    return { hint: ja.reports.retry, path: '/report/summary' };
  }
  if (problem === 'certificate') return { hint: ja.reports.register, path: '/card' };
  return { hint: ja.okHome, path: '/' };
}

export default noticePage({
  props: ['problem'],
  warning: true,
  content({ problem }) {
    const shown = shownOf(problem);
    return { title: texts[shown].title, paragraphs: [texts[shown].body], hint: actionOf(shown).hint };
  },
  ok({ problem }) {
    const { path } = actionOf(shownOf(problem));
    // Registering the renewed certificate: the card flow from the start (the registration needs the PIN as
    // well as the signature password), then the reports again.
    if (path === '/card') {
      nextTask.renewFirst('/reports');
      void bridge().logout();
    }
    return path;
  },
});
