// A blocked PIN or password: what happened and where to go (the municipal office). The flow ends here; OK and
// Back lead home.
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import Notice from '../components/Notice.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { secrets } from '../state/secret-store.ts';
import { ja } from '../texts/ja.ts';

const what = (kind: unknown) => (kind === 'sign' ? ja.blocked.sign : ja.blocked.auth);

export default Blits.Component('CardBlocked', {
  components: { KeyGuide, Notice },
  template: `
    <Element w="1920" h="1080">
      <Notice :title="$title" :paragraphs="$paragraphs" :hint="$hint" warning="true" />
      <KeyGuide />
    </Element>
  `,
  props: ['kind'],
  computed: {
    title() {
      return ja.blocked.title;
    },
    paragraphs() {
      return [what(this.kind), ja.blocked.where];
    },
    hint() {
      return ja.okHome;
    },
  },
  hooks: {
    focus() {
      secrets.forget();
      announceScreen({
        title: ja.blocked.title,
        details: [what(this.kind), ja.blocked.where, ja.okHome],
      });
    },
  },
  input: {
    ok() {
      this.$router.to('/');
    },
  },
});
