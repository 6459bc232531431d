// Wire contract of the resident's notices (お知らせ) between the backend and stb-bridge (JSON over HTTP). The
// bridge imports the types; the backend owns them. The start of the mailbox (issue 7 adds senders, retention,
// attachments on this shape).
import { z } from '@hono/zod-openapi';

export const noticeSenderKinds = ['insurer', 'municipality', 'operator', 'system'] as const;
export type NoticeSenderKind = (typeof noticeSenderKinds)[number];

/** What a notice is about; the TV may pick an icon or a reading by it. Open for later kinds. */
export const noticeKinds = [
  'receipt',
  'insurer-notice',
  'certificate-renewal',
  'vaccination-reminder',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** Longest title and body, in characters (a TV screen, read aloud). */
export const noticeLimits = { title: 100, body: 2000 } as const;

export const noticeSchema = z
  .object({
    id: z.uuid(),
    senderName: z.string(),
    senderKind: z.enum(noticeSenderKinds),
    kind: z.enum(noticeKinds),
    title: z.string(),
    /** Plain text; line breaks are `\n`. */
    body: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi('Notice');
export type Notice = z.infer<typeof noticeSchema>;

/** GET /api/v1/residents/me/notices, newest first. */
export const noticeListSchema = z.object({ notices: z.array(noticeSchema) }).openapi('NoticeList');
export type NoticeList = z.infer<typeof noticeListSchema>;
