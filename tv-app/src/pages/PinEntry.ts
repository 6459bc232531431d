// The 4-digit PIN with the remote's digit buttons. The digits live only in this module's closure until they
// are sent (and in the secret store while a first-time card is registered): the screen shows ●, speech says
// how many digits are in, and nothing is logged.
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyGuide from '../components/KeyGuide.ts';
import PinSlots from '../components/PinSlots.ts';
import { digitTypingKeys } from '../input/digit-keys.ts';
import { destinationAfter } from '../managers/card-flow.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { speech } from '../speech/speech.ts';
import { nextTask } from '../state/next-task.ts';
import { secrets } from '../state/secret-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themeFor } from '../theme/tokens.ts';

const PIN_LENGTH = 4;
let digits = '';

export default Blits.Component('PinEntry', {
  components: { KeyGuide, PinSlots },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$body" :size="$t.size.body" :color="$t.color.text" x="96" :y="100 + $t.size.title * 1.3"
        maxwidth="1728" :lineheight="$t.size.body * 1.45" maxlines="2" />
      <PinSlots x="96" :y="160 + $t.size.title * 1.3 + $t.size.body * 2.9" :filled="$count" :active="!$sending" />
      <Text :content="$status" :size="$t.size.body" :color="$t.color.focus" x="96" :y="$statusY" maxwidth="1728"
        maxlines="2" inspector-data="{role: 'pin-status'}" />
      <Text :content="$triesText" :size="$t.size.small" :color="$t.color.subtext" x="96" y="830" />
      <Text :content="$eraseHint" :size="$t.size.small" :color="$t.color.subtext" x="96" y="890" />
      <KeyGuide :red="$stop" :back="$stop" />
    </Element>
  `,
  props: ['triesLeft'],
  state() {
    return { ...pickUi(themeFields), count: 0, sending: false, status: '' };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    statusY() {
      const { size } = themeFor(this);
      return 200 + size.title * 1.3 + size.body * 5.3;
    },
    title() {
      return ja.pin.title;
    },
    body() {
      return breakable(ja.pin.body);
    },
    triesText() {
      return this.triesLeft ? ja.card.triesLeft(Number(this.triesLeft)) : '';
    },
    eraseHint() {
      return ja.pin.eraseHint;
    },
    stop() {
      return ja.guide.stop;
    },
  },
  hooks: {
    init() {
      digits = '';
      followUi(this, themeFields);
    },
    focus() {
      announceScreen({ title: ja.pin.title, details: [ja.pin.body, ja.pin.eraseHint] });
    },
    destroy() {
      digits = '';
      unfollowUi(this);
    },
  },
  methods: {
    digit(char: string) {
      if (this.sending) return;
      if (digits.length >= PIN_LENGTH) {
        this.tell(ja.pin.complete);
        return;
      }
      digits += char;
      this.count = digits.length;
      this.tell(digits.length === PIN_LENGTH ? ja.pin.complete : ja.pin.entered(digits.length));
    },
    tell(text: string) {
      this.status = text;
      speech.focus(text);
    },
    async send() {
      const pin = digits;
      digits = '';
      this.sending = true;
      this.tell(ja.pin.sending);
      // Kept only for a first-time card, whose registration needs the PIN again.
      secrets.holdPin(pin);
      const result = await bridge().login(pin);
      if (currentPath() !== '/pin') {
        // The viewer left meanwhile: do not leave a session open behind their back.
        if (result.ok) void bridge().logout();
        return;
      }
      if (result.ok && nextTask.takeRenewal()) {
        // Registering a renewed certificate: the PIN stays for the registration, as for a first-time card.
        this.$router.to('/register/renewal');
        return;
      }
      if (result.ok) {
        secrets.forget();
        // The task the viewer chose before the card was asked for (現況届, お知らせ), else the flow's end.
        const task = nextTask.take();
        this.$router.to(task ?? '/signed-in', task ? {} : { registered: false });
        return;
      }
      if (result.problem !== 'not-registered') secrets.forget();
      const next = destinationAfter(result);
      this.$router.to(next.path, next.data ?? {});
    },
  },
  input: {
    left() {
      if (this.sending || digits.length === 0) return;
      digits = digits.slice(0, -1);
      this.count = digits.length;
      this.tell(ja.pin.erased(digits.length));
    },
    ok() {
      if (this.sending) return;
      if (digits.length < PIN_LENGTH) this.tell(ja.pin.notYet);
      else void this.send();
    },
    ...digitTypingKeys(),
  },
});
