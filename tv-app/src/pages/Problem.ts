// Something stopped the card flow: the card came off, it is not a My Number Card, no reader, no connection,
// an invalid certificate. Says what and what to do; OK tries again where trying again can help.
import Blits from '@lightningjs/blits';
import type { Problem as ProblemKind } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import Notice from '../components/Notice.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { secrets } from '../state/secret-store.ts';
import { ja } from '../texts/ja.ts';

type Shown = Exclude<ProblemKind, 'not-registered' | 'format'>;

// Typed by the client's problems: a problem without a text here fails the typecheck.
const texts: Record<Shown, { title: string; body: string }> = ja.problem.kinds;

const retryable = new Set<Shown>(['card-removed', 'no-card', 'not-my-number-card']);

function shownOf(problem: unknown): Shown {
  return typeof problem === 'string' && problem in texts ? (problem as Shown) : 'failed';
}

export default Blits.Component('Problem', {
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
      return retryable.has(shownOf(this.problem)) ? ja.problem.retry : ja.okHome;
    },
  },
  hooks: {
    focus() {
      secrets.forget();
      const text = texts[shownOf(this.problem)];
      const hint = retryable.has(shownOf(this.problem)) ? ja.problem.retry : ja.okHome;
      announceScreen({ title: text.title, details: [text.body, hint] });
    },
  },
  input: {
    ok() {
      this.$router.to(retryable.has(shownOf(this.problem)) ? '/card' : '/');
    },
  },
});
