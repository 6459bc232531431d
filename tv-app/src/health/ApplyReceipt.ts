// The 利用申込み was received: its 受付番号, that the municipality is reviewing it (審査中), the children's birth
// dates, and what happens next. OK goes home.

import { noticePage } from '../pages/notice-page.ts';
import { ja } from '../texts/ja.ts';
import { warekiDate } from '../texts/japanese-dates.ts';
import { applicationStore } from './application-store.ts';

export default noticePage({
  props: [],
  warning: false,
  content() {
    const receipt = applicationStore.receipt;
    if (!receipt) return { title: ja.apply.title, paragraphs: [], hint: ja.okHome };
    return {
      title: ja.apply.receiptTitle,
      paragraphs: [
        ja.apply.receiptLine(receipt.receiptNumber),
        ja.apply.stateLine(ja.apply.states[receipt.state]),
        ja.apply.children(receipt.birthDates.map((d) => ja.apply.bornOn(warekiDate(d))).join('、')),
        ja.apply.receiptNext,
      ],
      hint: ja.okHome,
    };
  },
  ok: () => '/',
});
