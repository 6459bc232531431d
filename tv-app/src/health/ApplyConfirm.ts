// 利用申込み, the summary: the children's birth dates, then what to do: apply (the signature password next),
// one more child, or enter the dates again. A number or the arrows and OK.

import { type ListRow, listPage } from '../pages/list-page.ts';
import { ja } from '../texts/ja.ts';
import { warekiDate } from '../texts/japanese-dates.ts';
import { applicationStore, maxChildren } from './application-store.ts';

type Choice = 'send' | 'add' | 'redo';

export default listPage<readonly string[] | undefined, Choice>({
  path: '/health/apply/confirm',
  title: ja.apply.confirmTitle,
  hint: ja.apply.confirmHint,
  empty: ja.apply.confirmHint,
  rememberFocus: false,
  messageRole: 'apply-confirm-message',
  fetch: async () => applicationStore.draft?.birthDates,
  settle(birthDates) {
    if (!birthDates || birthDates.length === 0) return { path: '/health/apply' };
    const children = ja.apply.children(birthDates.map((d) => ja.apply.bornOn(warekiDate(d))).join('、'));
    const rows: ListRow<Choice>[] = [{ id: 'send', label: ja.apply.send, note: children, item: 'send' }];
    if (birthDates.length < maxChildren)
      rows.push({
        id: 'add',
        label: ja.apply.addChild,
        note: ja.apply.addNote(birthDates.length),
        item: 'add',
      });
    rows.push({ id: 'redo', label: ja.apply.redo, note: ja.apply.redoNote, item: 'redo' });
    return rows;
  },
  open(choice, go) {
    if (choice === 'send') go('/health/apply/password');
    else {
      if (choice === 'redo') applicationStore.clearChildren();
      go('/health/apply/birth');
    }
  },
});
