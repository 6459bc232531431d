// Before each PIN or password entry: what comes next and how many tries are left, with a plain warning on
// the last one (and a dialog offering to stop). Two routes use it: `/card/found` (the 4-digit PIN, `kind`
// auth) and `/register` (the signature password of a first-time card, `kind` sign).
import Blits from '@lightningjs/blits';
import type { PinKind } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { checkTries, confirmLastTry } from '../managers/card-flow.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { secrets } from '../state/secret-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themeFor } from '../theme/tokens.ts';

const copy: Record<PinKind, { title: string; body: string; wrong: string; lastTry: string; next: string }> = {
  auth: {
    title: ja.card.foundTitle,
    body: ja.card.foundBody,
    wrong: ja.card.wrong,
    lastTry: ja.card.lastTry,
    next: '/pin',
  },
  sign: {
    title: ja.register.title,
    body: ja.register.body,
    wrong: ja.register.wrong,
    lastTry: ja.register.lastTry,
    next: '/password',
  },
};

export default Blits.Component('SecretBriefing', {
  components: { KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :show="!!$wrong" :content="$wrongText" :size="$t.size.body" :color="$t.color.focus" x="96"
        :y="100 + $t.size.title * 1.3" maxwidth="1728" maxlines="1" />
      <Text :content="$body" :size="$t.size.body" :color="$t.color.text" x="96" :y="$bodyY"
        maxwidth="1728" :lineheight="$t.size.body * 1.45" maxlines="3" />
      <Element :show="$triesLeft > 0" x="96" :y="$bodyY + $t.size.body * 4.6" w="1728" :h="$t.size.body * 1.9"
        :color="$triesLeft === 1 ? $t.color.warning : $t.color.panel"
        :inspector-data="{role: 'tries', kind: $kind, tries: $triesLeft}">
        <Text :content="$triesText" :size="$t.size.body" :color="$triesLeft === 1 ? $t.color.warningText : $t.color.text"
          x="36" :y="$t.size.body * 0.35" />
      </Element>
      <Text :show="$triesLeft === 1" :content="$lastTry" :size="$t.size.body" :color="$t.color.text" x="96"
        :y="$bodyY + $t.size.body * 6.9" maxwidth="1728" :lineheight="$t.size.body * 1.45" maxlines="2" />
      <Text :show="$triesLeft > 0" :content="$proceed" :size="$t.size.small" :color="$t.color.subtext" x="96" y="880" />
      <KeyGuide :red="$stop" :back="$stop" />
    </Element>
  `,
  // renewal: a registered resident registers the renewed certificate of a new card (not a first-time card).
  props: ['kind', 'wrong', 'renewal'],
  state() {
    return { ...pickUi(themeFields), triesLeft: -1 };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    bodyY() {
      const { size } = themeFor(this);
      return 100 + size.title * 1.3 + (this.wrong ? size.body * 1.6 : 0);
    },
    title() {
      return this.renewal ? ja.register.renewalTitle : copy[this.kind as PinKind].title;
    },
    body() {
      return breakable(this.renewal ? ja.register.renewalBody : copy[this.kind as PinKind].body);
    },
    wrongText() {
      return copy[this.kind as PinKind].wrong;
    },
    lastTry() {
      return breakable(copy[this.kind as PinKind].lastTry);
    },
    triesText() {
      return ja.card.triesLeft(this.triesLeft);
    },
    proceed() {
      return ja.card.proceed;
    },
    stop() {
      return ja.guide.stop;
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
      const kind = this.kind as PinKind;
      const check = await checkTries(kind);
      if (!check.ok) {
        this.$router.to(check.next.path, check.next.data ?? {});
        return;
      }
      this.triesLeft = check.triesLeft;
      const text = copy[kind];
      announceScreen({
        title: this.renewal ? ja.register.renewalTitle : text.title,
        details: [
          ...(this.wrong ? [text.wrong] : []),
          this.renewal ? ja.register.renewalBody : text.body,
          ja.card.triesLeft(check.triesLeft),
          ...(check.triesLeft === 1 ? [text.lastTry] : []),
          ja.card.proceed,
        ],
      });
    },
  },
  input: {
    async ok() {
      if (this.triesLeft < 1) return;
      if (this.triesLeft === 1 && !(await confirmLastTry())) {
        secrets.forget();
        this.$router.to('/');
        return;
      }
      this.$router.to(copy[this.kind as PinKind].next, { triesLeft: this.triesLeft });
    },
  },
});
