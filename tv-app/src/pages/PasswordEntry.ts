// The signature password (6–16 letters A–Z and digits) on the on-screen keyboard: arrows move, OK types the
// focused key, the remote's digit buttons type digits directly. Shown as ●; speech says the focused key and
// how many characters are in, never what was typed. Purposes: `register` (with the PIN held from the PIN
// screen it registers the card), and two that sign a document: `report` (the open 現況届) and
// `health-application` (the 利用申込み being made); for these the tries left are read first and shown, with
// the last-try warning, and the sending screen follows.
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyboardGrid from '../components/KeyboardGrid.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { startApplying } from '../health/application-flow.ts';
import { digitTypingKeys } from '../input/digit-keys.ts';
import { type Direction, type KeyCell, keyById, moveOnKeyboard } from '../input/keyboard-layout.ts';
import { checkTries, confirmLastTry, destinationAfter } from '../managers/card-flow.ts';
import { startSending } from '../managers/report-flow.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { speech } from '../speech/speech.ts';
import { nextTask } from '../state/next-task.ts';
import { secrets } from '../state/secret-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { themeFor } from '../theme/tokens.ts';

const MIN_LENGTH = 6;
const MAX_LENGTH = 16;
let password = '';

interface SignedDocument {
  /** This screen's path for it. */
  path: string;
  /** What the screen says is signed. */
  body: string;
  /** Starts signing and sending; false when there is nothing to sign (then `fallback`). */
  start(password: string): boolean;
  sending: string;
  fallback: string;
}

const signing: Record<string, SignedDocument> = {
  report: {
    path: '/report/password',
    body: ja.password.reportBody,
    start: startSending,
    sending: '/report/sending',
    fallback: '/reports',
  },
  'health-application': {
    path: '/health/apply/password',
    body: ja.password.applicationBody,
    start: startApplying,
    sending: '/health/apply/sending',
    fallback: '/health/apply',
  },
};

function keyName(key: KeyCell): string {
  return key.action.kind === 'char' ? key.action.char : ja.password[key.action.kind];
}

export default Blits.Component('PasswordEntry', {
  components: { KeyboardGrid, KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="48" maxwidth="1728" maxlines="1" />
      <Text :content="$body" :size="$t.size.small" :color="$t.color.subtext" x="96" :y="72 + $t.size.title * 1.2"
        maxwidth="1728" maxlines="1" />
      <Element x="96" :y="$maskY" w="1728" :h="$t.size.body * 1.5" :color="$t.color.outline">
        <Element x="4" y="4" w="1720" :h="$t.size.body * 1.5 - 8" color="#ffffff">
          <Text :content="$mask" :size="$t.size.body" color="#000000" x="24" :y="$t.size.body * 0.15"
            inspector-data="{role: 'password-mask'}" />
        </Element>
      </Element>
      <Text :content="$status" :size="$t.size.small" :color="$t.color.focus" x="96" :y="$maskY + $t.size.body * 1.6"
        maxwidth="1200" maxlines="1" inspector-data="{role: 'password-status'}" />
      <Text :show="$triesLeft > 0" :content="$triesText" :size="$t.size.small"
        :color="$triesLeft === 1 ? $t.color.focus : $t.color.subtext" x="1296" :y="$maskY + $t.size.body * 1.6"
        maxwidth="528" align="right" maxlines="1" :inspector-data="{role: 'tries', kind: 'sign', tries: $triesLeft}" />
      <KeyboardGrid x="96" :y="$gridY" width="1728" :keyH="$keyH" :focusId="$focusId" />
      <KeyGuide :red="$stop" :back="$stop" />
    </Element>
  `,
  props: ['purpose', 'wrong'],
  state() {
    return { ...pickUi(themeFields), focusId: 'A', count: 0, sending: false, status: '', triesLeft: -1 };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    maskY() {
      const { size } = themeFor(this);
      return 96 + size.title * 1.2 + size.small * 1.3;
    },
    gridY() {
      const { size } = themeFor(this);
      return 96 + size.title * 1.2 + size.small * 2.6 + size.body * 1.5 + 24;
    },
    keyH() {
      const { size } = themeFor(this);
      const gridTop = 96 + size.title * 1.2 + size.small * 2.6 + size.body * 1.5 + 24;
      return Math.floor(Math.min(size.body * 1.8, (950 - gridTop - 3 * 12) / 4));
    },
    title() {
      return ja.password.title;
    },
    body() {
      return signing[String(this.purpose)]?.body ?? ja.password.body;
    },
    triesText() {
      return ja.card.triesLeft(this.triesLeft);
    },
    mask() {
      return '●'.repeat(this.count);
    },
    stop() {
      return ja.guide.stop;
    },
  },
  hooks: {
    init() {
      password = '';
      followUi(this, themeFields);
    },
    async focus() {
      const key = keyById(this.focusId);
      const focus = key ? keyName(key) : '';
      const document = signing[String(this.purpose)];
      if (!document) {
        announceScreen({ title: ja.password.title, details: [ja.password.body], focus });
        return;
      }
      // Signing a document: the tries left first (read without using one), a blocked key or a missing card
      // leads elsewhere, and the last try is confirmed in a dialog.
      const check = await checkTries('sign');
      if (currentPath() !== document.path) return;
      if (!check.ok) {
        if (check.next.path.startsWith('/problem/')) nextTask.set(document.path);
        this.$router.to(check.next.path, check.next.data ?? {});
        return;
      }
      this.triesLeft = check.triesLeft;
      const wrong = this.wrong ? [ja.wrongPassword] : [];
      if (this.wrong) this.status = ja.wrongPassword;
      const lastTry = check.triesLeft === 1 ? [ja.register.lastTry] : [];
      announceScreen({
        title: ja.password.title,
        details: [...wrong, document.body, ja.card.triesLeft(check.triesLeft), ...lastTry],
        focus,
      });
      if (check.triesLeft === 1 && !(await confirmLastTry())) {
        this.$router.to('/');
        return;
      }
      if (check.triesLeft === 1) announceFocus(focus);
    },
    destroy() {
      password = '';
      unfollowUi(this);
    },
  },
  methods: {
    move(direction: Direction) {
      const from = keyById(this.focusId);
      if (!from) return;
      const to = moveOnKeyboard(from, direction);
      if (to.id === from.id) return;
      this.focusId = to.id;
      announceFocus(keyName(to));
    },
    tell(text: string) {
      this.status = text;
      speech.focus(text);
    },
    type(char: string) {
      if (password.length >= MAX_LENGTH) {
        this.tell(ja.password.full);
        return;
      }
      password += char;
      this.count = password.length;
      this.tell(ja.password.entered(password.length));
    },
    press() {
      const key = keyById(this.focusId);
      if (!key || this.sending) return;
      if (key.action.kind === 'char') this.type(key.action.char);
      else if (key.action.kind === 'erase') this.erase();
      else if (password.length < MIN_LENGTH) this.tell(ja.password.tooShort);
      else void this.send();
    },
    erase() {
      if (password.length === 0) return;
      password = password.slice(0, -1);
      this.count = password.length;
      this.tell(ja.password.erased(password.length));
    },
    async send() {
      const document = signing[String(this.purpose)];
      if (document) {
        const entered = password;
        password = '';
        this.sending = true;
        if (document.start(entered)) this.$router.to(document.sending);
        else this.$router.to(document.fallback);
        return;
      }
      const pin = secrets.pin();
      const entered = password;
      password = '';
      if (pin === undefined) {
        // The PIN was forgotten (idle, card pulled): start the card flow again.
        this.$router.to('/card');
        return;
      }
      this.sending = true;
      this.tell(ja.password.sending);
      const result = await bridge().register(entered, pin);
      if (currentPath() !== '/password') {
        if (result.ok) void bridge().logout();
        return;
      }
      if (result.ok) {
        secrets.forget();
        const task = nextTask.take();
        this.$router.to(task ?? '/signed-in', task ? {} : { registered: true });
        return;
      }
      if (result.problem === 'format') {
        this.sending = false;
        this.count = 0;
        this.tell(ja.password.format);
        return;
      }
      const next = destinationAfter(result);
      if (next.path !== '/register') secrets.forget();
      this.$router.to(next.path, next.data ?? {});
    },
    digit(char: string) {
      if (!this.sending) this.type(char);
    },
  },
  input: {
    up() {
      this.move('up');
    },
    down() {
      this.move('down');
    },
    left() {
      this.move('left');
    },
    right() {
      this.move('right');
    },
    ok() {
      this.press();
    },
    ...digitTypingKeys(),
  },
});
