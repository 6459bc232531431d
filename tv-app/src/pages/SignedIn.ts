// The card flow's happy end: identity confirmed (and, for a first-time card, registered).
import { ja } from '../texts/ja.ts';
import { noticePage } from './notice-page.ts';

export default noticePage({
  props: ['registered'],
  warning: false,
  content: ({ registered }) => ({
    title: ja.signedIn.title,
    paragraphs: registered ? [ja.signedIn.registered, ja.signedIn.body] : [ja.signedIn.body],
    hint: ja.okHome,
  }),
  ok: () => '/',
});
