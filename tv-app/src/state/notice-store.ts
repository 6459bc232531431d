// お知らせ as last listed, between the list and the one being read. A plain store (see ui-state.ts).
import type { NoticeView } from '../api/bridge-client.ts';

let notices: NoticeView[] = [];

export const noticeStore = {
  get all(): NoticeView[] {
    return notices;
  },
  set(list: NoticeView[]): void {
    notices = list;
  },
  find(id: string): NoticeView | undefined {
    return notices.find((notice) => notice.id === id);
  },
  markRead(id: string): void {
    notices = notices.map((notice) => (notice.id === id ? { ...notice, read: true } : notice));
  },
};
