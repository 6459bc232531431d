// The signature password (6–16 letters A–Z and digits) on the on-screen keyboard: arrows move, OK types the
// focused key, the remote's digit buttons type digits directly. Shown as ●; speech says the focused key and
// how many characters are in, never what was typed. With the PIN held from the PIN screen it registers the
// card.
import Blits from '@lightningjs/blits';
import { bridge } from '../api/bridge-client.ts';
import KeyboardGrid from '../components/KeyboardGrid.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { type Direction, type KeyCell, keyById, moveOnKeyboard } from '../input/keyboard-layout.ts';
import { destinationAfter } from '../managers/card-flow.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { currentPath } from '../routes.ts';
import { speech } from '../speech/speech.ts';
import { secrets } from '../state/secret-store.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { themeFor } from '../theme/tokens.ts';

const MIN_LENGTH = 6;
const MAX_LENGTH = 16;
let password = '';

function keyName(key: KeyCell): string {
  return key.action.kind === 'char' ? key.action.char : ja.password[key.action.kind];
}

export default Blits.Component('PasswordEntry', {
  components: { KeyboardGrid, KeyGuide },
  template: `
    <Element w="1920" h="1080">
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
        maxwidth="1728" maxlines="1" inspector-data="{role: 'password-status'}" />
      <KeyboardGrid x="96" :y="$gridY" width="1728" :keyH="$keyH" :focusId="$focusId" />
      <KeyGuide :red="$stop" :back="$stop" />
    </Element>
  `,
  state() {
    return { ...pickUi(themeFields), focusId: 'A', count: 0, sending: false, status: '' };
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
      return ja.password.body;
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
    focus() {
      const key = keyById(this.focusId);
      announceScreen({
        title: ja.password.title,
        details: [ja.password.body],
        focus: key ? keyName(key) : '',
      });
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
        this.$router.to('/signed-in', { registered: true });
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
    0() {
      this.digit('0');
    },
    1() {
      this.digit('1');
    },
    2() {
      this.digit('2');
    },
    3() {
      this.digit('3');
    },
    4() {
      this.digit('4');
    },
    5() {
      this.digit('5');
    },
    6() {
      this.digit('6');
    },
    7() {
      this.digit('7');
    },
    8() {
      this.digit('8');
    },
    9() {
      this.digit('9');
    },
  },
});
