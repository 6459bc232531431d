// 利用申込み, the start: what it is for and how it goes, in plain words, and the applications already made with
// their 受付番号 and where the municipality's review stands (審査中, 承認, 却下 with the reason). OK starts a
// new application. Shown when a signed-in parent opens 母子健康情報 with no child linked yet, and from the
// child list with the blue button.

import { noticePage } from '../pages/notice-page.ts';
import { ja } from '../texts/ja.ts';
import { applicationStore } from './application-store.ts';

/** The newest two: more would push the explanation off the screen; the municipality has them all. */
function applicationLines(): string[] {
  return applicationStore.applications.slice(0, 2).flatMap((a) => {
    const line = ja.apply.applied(a.receiptNumber, ja.apply.states[a.state], a.birthDates.length);
    return a.state === 'rejected' && a.reason !== null ? [line, ja.apply.rejectedReason(a.reason)] : [line];
  });
}

export default noticePage({
  props: [],
  warning: false,
  content: () => ({
    title: ja.apply.title,
    paragraphs: [ja.apply.intro, ja.apply.how, ...applicationLines()].slice(0, 4),
    hint: ja.apply.start,
  }),
  ok() {
    applicationStore.start();
    return '/health/apply/birth';
  },
});
