// Public API of the resident's notices (お知らせ): the wire contract, `addNotice` for every module that posts
// one, the listing. The HTTP routes (mailbox-routes.ts) are wired by app.ts, not re-exported here: http/
// imports this file.
export {
  type Notice,
  type NoticeAttachment,
  type NoticeKind,
  type NoticeList,
  type NoticeSenderKind,
  noticeKinds,
  noticeLimits,
  noticeListSchema,
  noticeSchema,
  noticeSenderKinds,
} from './contracts.ts';
export { MailboxError, type MailboxErrorCode } from './mailbox-error.ts';
export { type MailboxJobs, startMailboxJobs } from './mailbox-jobs.ts';
export {
  addNotice,
  defaultRetentionDays,
  listNotices,
  markNoticeRead,
  type NewNotice,
  type NoticeSender,
  purgeExpiredNotices,
  storeNotice,
} from './notices.ts';
export { checkPlainText, plainTextProblem } from './plain-text.ts';
