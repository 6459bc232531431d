// A child's birth date for the 利用申込み, with the digit buttons (birth-date-entry.ts: year, month, day, each
// completed as soon as it can only be one value); ← takes a digit back, OK completes a one-digit month or day
// and, once the date is whole, checks it (not in the future, under 18: the backend's own rule) and goes on to
// the summary. Every digit is said; a date that cannot be a child's is said why and cleared.
import Blits from '@lightningjs/blits';
import { birthDateProblem } from '../../../backend/src/health/child-birth-date.ts';
import KeyGuide from '../components/KeyGuide.ts';
import { digitTypingKeys } from '../input/digit-keys.ts';
import { announceFocus, announceScreen } from '../managers/screen-announcer.ts';
import { followUi, pickUi, themeFields, unfollowUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import { warekiDate } from '../texts/japanese-dates.ts';
import { breakable } from '../texts/line-breaks.ts';
import { themeFor } from '../theme/tokens.ts';
import { applicationStore } from './application-store.ts';
import {
  type BirthDateDigits,
  completeField,
  emptyBirthDate,
  eraseDigit,
  fieldOf,
  isoOf,
  shownBirthDate,
  typeDigit,
} from './birth-date-entry.ts';
import { japanToday } from './child-age.ts';

const same = (a: BirthDateDigits, b: BirthDateDigits) =>
  a.year === b.year && a.month === b.month && a.day === b.day;
const spokenDate = (iso: string) => `${warekiDate(iso)}、${Number(iso.slice(0, 4))}年`;

export default Blits.Component('BirthDateEntry', {
  components: { KeyGuide },
  template: `
    <Element>
      <Text :content="$title" :size="$t.size.title" :color="$t.color.text" x="96" y="56" maxwidth="1728" maxlines="1" />
      <Text :content="$body" :size="$t.size.body" :color="$t.color.text" x="96" :y="100 + $t.size.title * 1.3"
        maxwidth="1728" :lineheight="$t.size.body * 1.45" maxlines="2" />
      <Element x="96" :y="$boxY" w="1728" :h="$t.size.title * 2" :color="$t.color.outline">
        <Element x="4" y="4" w="1720" :h="$t.size.title * 2 - 8" color="#ffffff">
          <Text :content="$shown" :size="$t.size.title * 1.3" color="#000000" x="32" :y="$t.size.title * 0.25"
            :inspector-data="{role: 'birth-date', value: $shown}" />
        </Element>
      </Element>
      <Text :content="$status" :size="$t.size.body" :color="$t.color.focus" x="96" :y="$boxY + $t.size.title * 2 + 32"
        maxwidth="1728" :lineheight="$t.size.body * 1.45" maxlines="2" inspector-data="{role: 'birth-date-status'}" />
      <Text :content="$example" :size="$t.size.small" :color="$t.color.subtext" x="96" y="830" maxwidth="1728"
        maxlines="2" :lineheight="$t.size.small * 1.3" />
      <KeyGuide />
    </Element>
  `,
  state() {
    return {
      ...pickUi(themeFields),
      entry: { ...emptyBirthDate } as BirthDateDigits,
      status: '',
      childNumber: 1,
    };
  },
  computed: {
    t() {
      return themeFor(this);
    },
    boxY() {
      const { size } = themeFor(this);
      return 150 + size.title * 1.3 + size.body * 2.9;
    },
    title() {
      return ja.apply.birthTitle(this.childNumber);
    },
    body() {
      return breakable(ja.apply.birthBody);
    },
    example() {
      return breakable(ja.apply.birthExample);
    },
    shown() {
      return shownBirthDate(this.entry);
    },
  },
  hooks: {
    init() {
      followUi(this, themeFields);
    },
    destroy() {
      unfollowUi(this);
    },
    focus() {
      if (!applicationStore.draft) applicationStore.start();
      this.childNumber = (applicationStore.draft?.birthDates.length ?? 0) + 1;
      announceScreen({
        title: ja.apply.birthTitle(this.childNumber),
        details: [ja.apply.birthBody, ja.apply.birthExample],
      });
    },
  },
  methods: {
    tell(text: string) {
      this.status = text;
      announceFocus(text);
    },
    show(entry: BirthDateDigits, typed: string) {
      const before = fieldOf(this.entry);
      this.entry = entry;
      const now = fieldOf(entry);
      if (now === 'complete') {
        const iso = isoOf(entry) as string;
        this.tell(ja.apply.birthNext(spokenDate(iso)));
        return;
      }
      // A field just completed: say it and which comes next; else the digit.
      const done =
        before !== now ? shownBirthDate(entry).split(' ')[['year', 'month', 'day'].indexOf(before)] : '';
      this.tell(done ? `${done}。${ja.apply.birthFieldNow(ja.apply.birthField[now])}` : typed);
    },
    digit(char: string) {
      if (fieldOf(this.entry) === 'complete') return;
      const next = typeDigit(this.entry, char);
      if (!same(next, this.entry)) this.show(next, char);
    },
    ok() {
      const iso = isoOf(this.entry);
      if (iso === null) {
        const next = completeField(this.entry);
        if (!same(next, this.entry)) this.show(next, '');
        return;
      }
      const problem = birthDateProblem(iso, japanToday());
      if (problem !== null) {
        // A fresh object: Blits made the first one reactive in place.
        this.entry = { ...emptyBirthDate };
        this.tell(ja.apply.birthProblems[problem]);
        return;
      }
      applicationStore.addChild(iso);
      this.$router.to('/health/apply/confirm');
    },
  },
  input: {
    ok() {
      this.ok();
    },
    left() {
      const next = eraseDigit(this.entry);
      if (same(next, this.entry)) return;
      this.entry = next;
      this.tell(ja.apply.erased);
    },
    ...digitTypingKeys(),
  },
});
