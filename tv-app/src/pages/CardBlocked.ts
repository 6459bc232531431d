// A blocked PIN or password: what happened and where to go (the municipal office). The flow ends here; OK and
// Back lead home.
import { secrets } from '../state/secret-store.ts';
import { ja } from '../texts/ja.ts';
import { noticePage } from './notice-page.ts';

export default noticePage({
  props: ['kind'],
  warning: true,
  content: ({ kind }) => ({
    title: ja.blocked.title,
    paragraphs: [kind === 'sign' ? ja.blocked.sign : ja.blocked.auth, ja.blocked.where],
    hint: ja.okHome,
  }),
  onFocus: () => secrets.forget(),
  ok: () => '/',
});
