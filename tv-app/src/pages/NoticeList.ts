// お知らせ: newest first, each with its sender and day, unread ones marked. OK reads the focused one.
import { bridge, type NoticeView } from '../api/bridge-client.ts';
import { destinationOfProblem } from '../managers/report-flow.ts';
import { noticeStore } from '../state/notice-store.ts';
import { ja } from '../texts/ja.ts';
import { japaneseDate } from '../texts/japanese-dates.ts';
import { listPage } from './list-page.ts';

const noteOf = (notice: NoticeView) =>
  ja.notices.row(notice.senderName, japaneseDate(notice.createdAt), notice.read);

export default listPage({
  path: '/notices',
  title: ja.notices.title,
  hint: ja.notices.listHint,
  empty: ja.notices.none,
  // Coming back from a notice focuses it again.
  rememberFocus: true,
  messageRole: 'notice-list-message',
  fetch: () => bridge().notices(),
  settle(result) {
    if (!result.ok) return destinationOfProblem(result.problem, '/notices');
    noticeStore.set(result.notices);
    return result.notices.map((notice) => ({
      id: notice.id,
      label: notice.title,
      note: noteOf(notice),
      spokenNote: noteOf(notice).replace('● ', ''),
      item: notice,
    }));
  },
  open(notice, go) {
    go(`/notice/${encodeURIComponent(notice.id)}`);
  },
});
