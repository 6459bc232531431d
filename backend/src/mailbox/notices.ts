// Notices to a resident (お知らせ) at rest: title and body sealed together, newest first, read once opened.
// `addNotice` is how every module posts one (receipts, insurers' notices, certificate renewal); a dedupe key
// makes posting idempotent, so a retried job or request never shows the same notice twice.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { type Notice, type NoticeKind, type NoticeSenderKind, noticeLimits } from './contracts.ts';
import { MailboxError } from './mailbox-error.ts';
import { checkPlainText } from './plain-text.ts';

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
  /** Posting again with the same key returns the first notice's id and adds nothing. */
  dedupeKey?: string;
  now: Date;
}

const contentField = (noticeId: string) => ({
  table: 'resident_notices',
  column: 'content_sealed',
  rowId: noticeId,
});

/** Adds a notice (or finds the one with the same dedupe key); resolves to its id. Throws notice.invalid. */
export async function addNotice(db: Queryable, cipher: FieldCipher, notice: NewNotice): Promise<string> {
  const title = checkPlainText('title', notice.title, noticeLimits.title);
  const body = checkPlainText('body', notice.body, noticeLimits.body);
  const id = crypto.randomUUID();
  const sealed = cipher.encrypt(JSON.stringify({ title, body }), contentField(id));
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
      sealed,
      notice.dedupeKey ?? null,
      notice.now,
    ],
  );
  if (inserted[0] !== undefined) return inserted[0].id;
  const [existing] = await db.query<{ id: string }>('SELECT id FROM resident_notices WHERE dedupe_key = $1', [
    notice.dedupeKey,
  ]);
  if (existing === undefined) throw new Error('notice neither inserted nor found');
  return existing.id;
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

/** The resident's notices, newest first (at most `limit`). */
export async function listNotices(
  db: Queryable,
  cipher: FieldCipher,
  options: { residentId: string; limit?: number },
): Promise<Notice[]> {
  const rows = await db.query<NoticeRow>(
    `SELECT id, sender_kind, sender_name, kind, content_sealed, created_at, read_at FROM resident_notices
      WHERE resident_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [options.residentId, options.limit ?? 100],
  );
  return rows.map((row) => {
    const { title, body } = JSON.parse(cipher.decrypt(row.content_sealed, contentField(row.id))) as {
      title: string;
      body: string;
    };
    return {
      id: row.id,
      senderName: row.sender_name,
      senderKind: row.sender_kind,
      kind: row.kind,
      title,
      body,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
    };
  });
}

/** Marks a notice of this resident read (the first time counts; again is harmless). */
export async function markNoticeRead(
  db: Queryable,
  options: { residentId: string; noticeId: string; now: Date },
): Promise<void> {
  const rows = await db.query(
    `UPDATE resident_notices SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND resident_id = $2
     RETURNING id`,
    [options.noticeId, options.residentId, options.now],
  );
  if (rows.length === 0) throw new MailboxError('notice.not-found', 'no such notice');
}
