// Something stopped a 利用申込み while it was signed or sent: the card came off, no connection, a refusal.
// Says that nothing was sent; OK goes back to the application as it was (the same id: a repeat signs once).

import { noticePage } from '../pages/notice-page.ts';
import { ja } from '../texts/ja.ts';

type Shown = keyof typeof ja.apply.problems;

function shownOf(problem: unknown): Shown {
  return typeof problem === 'string' && problem in ja.apply.problems ? (problem as Shown) : 'failed';
}

export default noticePage({
  props: ['problem'],
  warning: true,
  content({ problem }) {
    const { title, body } = ja.apply.problems[shownOf(problem)];
    return { title, paragraphs: [body], hint: ja.reports.retry };
  },
  ok: () => '/health/apply/confirm',
});
