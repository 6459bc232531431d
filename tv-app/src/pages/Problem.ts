// Something stopped the card flow: the card came off, it is not a My Number Card, no reader, no connection,
// an invalid certificate. Says what and what to do; OK tries again where trying again can help.
import type { Problem as ProblemKind } from '../api/bridge-client.ts';
import { secrets } from '../state/secret-store.ts';
import { ja } from '../texts/ja.ts';
import { noticePage } from './notice-page.ts';

type Shown = Exclude<ProblemKind, 'not-registered' | 'format'>;

// Typed by the client's problems: a problem without a text here fails the typecheck.
const texts: Record<Shown, { title: string; body: string }> = ja.problem.kinds;

const retryable = new Set<Shown>(['card-removed', 'no-card', 'not-my-number-card']);

function shownOf(problem: unknown): Shown {
  return typeof problem === 'string' && problem in texts ? (problem as Shown) : 'failed';
}

export default noticePage({
  props: ['problem'],
  warning: true,
  content({ problem }) {
    const shown = shownOf(problem);
    return {
      title: texts[shown].title,
      paragraphs: [texts[shown].body],
      hint: retryable.has(shown) ? ja.problem.retry : ja.okHome,
    };
  },
  onFocus: () => secrets.forget(),
  ok: ({ problem }) => (retryable.has(shownOf(problem)) ? '/card' : '/'),
});
