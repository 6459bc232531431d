// "カードをリモコンにかざしてください": waits for a card on the reader, with an animation of how. A My Number
// Card moves on to the PIN briefing; any other card, a missing reader or no bridge each get their own screen.
import Blits from '@lightningjs/blits';
import CardAnimation from '../components/CardAnimation.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { nextTask } from '../state/next-task.ts';
import { followUi, pickUi, themeFields, type UiState, ui, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themeFor } from '../theme/tokens.ts';

const shown = [...themeFields, 'card'] as const;

const nextScreen: Partial<Record<UiState['card'], string>> = {
  'my-number-card': '/card/found',
  'other-card': '/problem/not-my-number-card',
  'no-reader': '/problem/no-reader',
  offline: '/problem/unavailable',
};

export default Blits.Component('CardWait', {
  components: { CardAnimation, KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="2" />
      <Text :content="$body" :size="$t.size.body" :color="$t.color.text" x="96" :y="100 + $t.size.title * 1.3"
        maxwidth="1100" :lineheight="$t.size.body * 1.45" maxlines="5" />
      <Text :show="$checking" :content="$checkingText" :size="$t.size.body" :color="$t.color.focus" x="96" y="800"
        maxwidth="1100" maxlines="2" inspector-data="{role: 'card-checking'}" />
      <CardAnimation x="1300" y="280" />
      <KeyGuide :red="$stop" :back="$stop" />
    </Element>
  `,
  state() {
    return pickUi(shown);
  },
  computed: {
    t() {
      return themeFor(this);
    },
    title() {
      return ja.card.waitTitle;
    },
    body() {
      return breakable(ja.card.waitBody);
    },
    checkingText() {
      return breakable(ja.card.checking);
    },
    checking() {
      return this.card === 'checking';
    },
    stop() {
      return ja.guide.stop;
    },
  },
  watch: {
    card(view: UiState['card']) {
      this.follow(view);
    },
  },
  hooks: {
    init() {
      followUi(this, shown);
    },
    destroy() {
      unfollowUi(this);
    },
    focus() {
      if (this.follow(ui.card)) return;
      announceScreen({ title: ja.card.waitTitle, details: [ja.card.waitBody] });
    },
  },
  methods: {
    /** Moves on when the card or reader calls for another screen; true if it did. */
    follow(view: UiState['card']): boolean {
      // Already signed in with a task waiting (the card was pulled while signing a report): straight back to it.
      const task = view === 'my-number-card' && ui.signedIn ? nextTask.take() : undefined;
      const next = task ?? nextScreen[view];
      if (next) this.$router.to(next);
      else if (view === 'checking') announceScreen({ title: ja.card.checking });
      return next !== undefined;
    },
  },
});
