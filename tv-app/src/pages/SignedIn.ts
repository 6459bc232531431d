// The card flow's happy end: identity confirmed (and, for a first-time card, registered).
import Blits from '@lightningjs/blits';
import KeyGuide from '../components/KeyGuide.ts';
import Notice from '../components/Notice.ts';
import { announceScreen } from '../managers/screen-announcer.ts';
import { ja } from '../texts/ja.ts';

export default Blits.Component('SignedIn', {
  components: { KeyGuide, Notice },
  template: `
    <Element w="1920" h="1080">
      <Notice :title="$title" :paragraphs="$paragraphs" :hint="$hint" />
      <KeyGuide />
    </Element>
  `,
  props: ['registered'],
  computed: {
    title() {
      return ja.signedIn.title;
    },
    paragraphs() {
      return this.registered ? [ja.signedIn.registered, ja.signedIn.body] : [ja.signedIn.body];
    },
    hint() {
      return ja.okHome;
    },
  },
  hooks: {
    focus() {
      const details = this.registered ? [ja.signedIn.registered, ja.signedIn.body] : [ja.signedIn.body];
      announceScreen({ title: ja.signedIn.title, details: [...details, ja.okHome] });
    },
  },
  input: {
    ok() {
      this.$router.to('/');
    },
  },
});
