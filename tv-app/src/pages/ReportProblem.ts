// Something stopped a report: the card came off while signing (nothing sent, safe to try again), the
// signature certificate is revoked or expired (register the renewed one), the contract is not the signer's,
// no connection. Says what happened, that nothing was sent, and what OK does.
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import Notice from '../components/Notice.ts';
import type { ReportProblemScreen } from '../managers/report-flow.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { nextTask } from '../state/next-task.ts';
import { ja } from '../texts/ja.ts';

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

export default Blits.Component('ReportProblem', {
  components: { KeyGuide, Notice },
  template: `
    <Element w="1920" h="1080">
      <Notice :title="$title" :paragraphs="$paragraphs" :hint="$hint" warning="true" />
      <KeyGuide />
    </Element>
  `,
  props: ['problem'],
  computed: {
    title() {
      return texts[shownOf(this.problem)].title;
    },
    paragraphs() {
      return [texts[shownOf(this.problem)].body];
    },
    hint() {
      return actionOf(shownOf(this.problem)).hint;
    },
  },
  hooks: {
    focus() {
      const shown = shownOf(this.problem);
      announceScreen({ title: texts[shown].title, details: [texts[shown].body, actionOf(shown).hint] });
    },
  },
  input: {
    ok() {
      const { path } = actionOf(shownOf(this.problem));
      // Registering the renewed certificate: the card flow from the start (the registration needs the PIN as
      // well as the signature password), then the reports again.
      if (path === '/card') {
        nextTask.renewFirst('/reports');
        void bridge().logout();
      }
      this.$router.to(path);
    },
  },
});
