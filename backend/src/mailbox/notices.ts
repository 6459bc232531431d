// Notices to a resident (お知らせ) at rest: title, body and attachment sealed together, newest first, read once
// opened, kept `retentionDays` after they were sent and then neither listed nor kept (purgeExpiredNotices).
// `addNotice` is how every module posts one (receipts, insurers' notices, certificate renewal, reminders); a
// dedupe key makes posting idempotent, so a retried job or request never shows the same notice twice.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { checkAttachment } from './attachment-link.ts';
import {
  type Notice,
  type NoticeAttachment,
  type NoticeKind,
  type NoticeSenderKind,
  noticeLimits,
} from './contracts.ts';
import { MailboxError } from './mailbox-error.ts';
import { checkPlainText } from './plain-text.ts';

/** MAILBOX_RETENTION_DAYS when not configured. */
export const defaultRetentionDays = 365;

export interface NoticeSender {
  kind: NoticeSenderKind;
  /** The sender's record (API client id, operator account id); none for the system. */
  id: string | null;
  name: string;
}

export interface NewNotice {
  residentId: string;
  sender: NoticeSender;
  kind: NoticeKind;
  title: string;
  body: string;
  /** A link to a document on the sender's https server. */
  attachment?: NoticeAttachment;
  /** Posting again with the same key returns the first notice's id and adds nothing. */
  dedupeKey?: string;
  now: Date;
}

/** What a notice's sealed column holds. */
export interface NoticeContent {
  title: string;
  body: string;
  attachment: NoticeAttachment | null;
}

const contentField = (noticeId: string) => ({
  table: 'resident_notices',
  column: 'content_sealed',
  rowId: noticeId,
});

export const openContent = (cipher: FieldCipher, noticeId: string, sealed: string): NoticeContent => {
  const content = JSON.parse(cipher.decrypt(sealed, contentField(noticeId))) as NoticeContent;
  return { title: content.title, body: content.body, attachment: content.attachment ?? null };
};

/** The content as it is stored; throws notice.invalid, .too-large, .not-plain-text or .attachment-invalid. */
export function noticeContentOf(notice: Pick<NewNotice, 'title' | 'body' | 'attachment'>): NoticeContent {
  return {
    title: checkPlainText('title', notice.title, noticeLimits.title),
    body: checkPlainText('body', notice.body, noticeLimits.body),
    attachment: notice.attachment === undefined ? null : checkAttachment(notice.attachment),
  };
}

/** Adds a notice, or finds the one with the same dedupe key (`created: false`); checks as noticeContentOf. */
export async function storeNotice(
  db: Queryable,
  cipher: FieldCipher,
  notice: NewNotice,
): Promise<{ id: string; created: boolean }> {
  const content = noticeContentOf(notice);
  const id = crypto.randomUUID();
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO resident_notices (id, resident_id, sender_kind, sender_id, sender_name, kind, content_sealed,
       dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      id,
      notice.residentId,
      notice.sender.kind,
      notice.sender.id,
      notice.sender.name,
      notice.kind,
      cipher.encrypt(JSON.stringify(content), contentField(id)),
      notice.dedupeKey ?? null,
      notice.now,
    ],
  );
  if (inserted[0] !== undefined) return { id: inserted[0].id, created: true };
  const [existing] = await db.query<{ id: string }>('SELECT id FROM resident_notices WHERE dedupe_key = $1', [
    notice.dedupeKey,
  ]);
  if (existing === undefined) throw new Error('notice neither inserted nor found');
  return { id: existing.id, created: false };
}

/** Adds a notice (or finds the one with the same dedupe key); resolves to its id. */
export async function addNotice(db: Queryable, cipher: FieldCipher, notice: NewNotice): Promise<string> {
  return (await storeNotice(db, cipher, notice)).id;
}

interface NoticeRow {
  id: string;
  sender_kind: NoticeSenderKind;
  sender_name: string;
  kind: NoticeKind;
  content_sealed: string;
  created_at: Date;
  read_at: Date | null;
}

/** Which notices are still kept: those sent after `now` minus the retention. */
export interface Retention {
  now: Date;
  retentionDays: number;
}

const dayMs = 86_400_000;
const keptSince = (r: Retention) => new Date(r.now.getTime() - r.retentionDays * dayMs);

function toNotice(cipher: FieldCipher, row: NoticeRow, retentionDays: number): Notice {
  const { title, body, attachment } = openContent(cipher, row.id, row.content_sealed);
  return {
    id: row.id,
    senderName: row.sender_name,
    senderKind: row.sender_kind,
    kind: row.kind,
    title,
    body,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    expiresAt: new Date(row.created_at.getTime() + retentionDays * dayMs).toISOString(),
    attachment,
  };
}

const columns = 'id, sender_kind, sender_name, kind, content_sealed, created_at, read_at';

/** The resident's notices still kept, newest first (at most `limit`). */
export async function listNotices(
  db: Queryable,
  cipher: FieldCipher,
  options: Retention & { residentId: string; limit?: number },
): Promise<Notice[]> {
  const rows = await db.query<NoticeRow>(
    `SELECT ${columns} FROM resident_notices WHERE resident_id = $1 AND created_at > $2
      ORDER BY created_at DESC, id LIMIT $3`,
    [options.residentId, keptSince(options), options.limit ?? 100],
  );
  return rows.map((row) => toNotice(cipher, row, options.retentionDays));
}

/** One notice of this resident still kept; another resident's is notice.not-found like a missing one. */
export async function readNotice(
  db: Queryable,
  cipher: FieldCipher,
  options: Retention & { residentId: string; noticeId: string },
): Promise<Notice> {
  const [row] = await db.query<NoticeRow>(
    `SELECT ${columns} FROM resident_notices WHERE id = $1 AND resident_id = $2 AND created_at > $3`,
    [options.noticeId, options.residentId, keptSince(options)],
  );
  if (row === undefined) throw new MailboxError('notice.not-found', 'no such notice');
  return toNotice(cipher, row, options.retentionDays);
}

/** Marks a notice of this resident read (the first time counts; again is harmless). */
export async function markNoticeRead(
  db: Queryable,
  options: Retention & { residentId: string; noticeId: string },
): Promise<void> {
  const rows = await db.query(
    `UPDATE resident_notices SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND resident_id = $2
       AND created_at > $4 RETURNING id`,
    [options.noticeId, options.residentId, options.now, keptSince(options)],
  );
  if (rows.length === 0) throw new MailboxError('notice.not-found', 'no such notice');
}

/** Deletes the notices past their retention; resolves to how many. Idempotent: any node may run it. */
export async function purgeExpiredNotices(db: Queryable, retention: Retention): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'WITH d AS (DELETE FROM resident_notices WHERE created_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM d',
    [keptSince(retention)],
  );
  return row?.n ?? 0;
}
