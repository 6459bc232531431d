// The message screens (a problem, a blocked card, signed in) are one screen with other words: a full-screen
// Notice, read aloud when it gets focus (title, paragraphs, then what OK does), and OK goes on. `noticePage`
// builds such a page from what it says, given its route's props, and where OK leads.
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import Notice from '../components/Notice.ts';
import { announceScreen } from '../managers/screen-announcer.ts';

export interface NoticeContent {
  title: string;
  paragraphs: string[];
  /** What OK does. */
  hint: string;
}

type Props = Record<string, unknown>;

export interface NoticePageSpec {
  /** The route's params and data the page reads. */
  props: string[];
  /** The title on a warning band. */
  warning: boolean;
  content: (props: Props) => NoticeContent;
  /** Runs when the page gets focus, before it speaks. */
  onFocus?: () => void;
  /** OK: where to, from the route's props. */
  ok: (props: Props) => string;
}

export function noticePage(spec: NoticePageSpec) {
  // One name for every message page: Blits' template precompiler needs the name as a literal.
  return Blits.Component('NoticePage', {
    components: { KeyGuide, Notice },
    template: `
    <Element>
      <Notice :title="$content.title" :paragraphs="$content.paragraphs" :hint="$content.hint" :warning="$warning" />
      <KeyGuide />
    </Element>
  `,
    props: spec.props,
    computed: {
      content() {
        return spec.content(this);
      },
      warning() {
        return spec.warning;
      },
    },
    hooks: {
      focus() {
        spec.onFocus?.();
        const { title, paragraphs, hint } = spec.content(this);
        announceScreen({ title, details: [...paragraphs, hint] });
      },
    },
    input: {
      ok() {
        this.$router.to(spec.ok(this));
      },
    },
  });
}
