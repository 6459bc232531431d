// Wire contracts of the mailbox (電子私書箱): the resident's notices (お知らせ) as stb-bridge reads them (the bridge
// imports the types; the backend owns them), and the send API of municipalities and insurers. Fields added
// after the first shape are optional in the type, so consumers built against it keep compiling.
import { z } from '@hono/zod-openapi';

export const noticeSenderKinds = ['insurer', 'municipality', 'operator', 'system'] as const;
export type NoticeSenderKind = (typeof noticeSenderKinds)[number];

/** What a notice is about; the TV may pick an icon or a reading by it. Open for later kinds. */
export const noticeKinds = [
  'receipt',
  'insurer-notice',
  'municipality-notice',
  'certificate-renewal',
  'vaccination-reminder',
  'watch-over',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** Longest title and body, in characters (a TV screen, read aloud); an attachment's title and link. */
export const noticeLimits = { title: 100, body: 2000, attachmentTitle: 100, attachmentUrl: 2048 } as const;

/** A document the notice points to (the sender's own https server); the TV shows its title, not the page. */
export const noticeAttachmentSchema = z
  .object({ url: z.string(), title: z.string() })
  .openapi('NoticeAttachment');
export type NoticeAttachment = z.infer<typeof noticeAttachmentSchema>;

export const noticeSchema = z
  .object({
    id: z.uuid(),
    senderName: z.string(),
    senderKind: z.enum(noticeSenderKinds),
    kind: z.enum(noticeKinds),
    title: z.string(),
    /** Plain text; line breaks are `\n`. */
    body: z.string(),
    /** When it was sent. */
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
    /** When the mailbox deletes it (createdAt + MAILBOX_RETENTION_DAYS); never listed after. */
    expiresAt: z.iso.datetime().optional(),
    attachment: noticeAttachmentSchema.nullable().optional(),
  })
  .openapi('Notice');
export type Notice = z.infer<typeof noticeSchema>;

/** GET /api/v1/residents/me/notices, newest first. */
export const noticeListSchema = z.object({ notices: z.array(noticeSchema) }).openapi('NoticeList');
export type NoticeList = z.infer<typeof noticeListSchema>;

/** The four basic items by which a sender names the recipient, as on the resident's card. */
export const noticeRecipientSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    dateOfBirth: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'must be YYYY-MM-DD'),
    gender: z.enum(['male', 'female', 'unknown']),
    address: z.string().min(1).max(300),
  })
  .openapi('NoticeRecipient');
export type NoticeRecipient = z.infer<typeof noticeRecipientSchema>;

/**
 * POST /api/v1/mailbox/notices (a municipality's or insurer's API client). Title, body and attachment are
 * checked by the mailbox (clear codes: notice.too-large, notice.not-plain-text, notice.attachment-invalid).
 */
export const sendNoticeInputSchema = z
  .strictObject({
    /** The sender's own id of this notice: sending it again answers the first send. */
    noticeId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, '1-100 letters, digits or . _ : -'),
    recipient: noticeRecipientSchema,
    title: z.string(),
    body: z.string(),
    attachment: z.strictObject({ url: z.string(), title: z.string() }).optional(),
  })
  .openapi('SendNoticeInput');
export type SendNoticeInput = z.infer<typeof sendNoticeInputSchema>;

export const sentNoticeSchema = z
  .object({
    id: z.uuid(),
    noticeId: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('SentNotice');
export type SentNotice = z.infer<typeof sentNoticeSchema>;
