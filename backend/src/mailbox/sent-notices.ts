// Notices sent by a municipality or an insurer through the API (電子私書箱への送付). The sender names the
// recipient by the four basic items, matched to a registered resident through the blind index, and may write
// only to its own: a municipality to residents whose household is in it, an insurer to holders of its contracts
// (an unregistered person and one out of reach get the same answer). Idempotent by the sender's notice id:
// the same send again answers the first notice; the id reused for another notice is refused.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { type BlindIndex, basicInfoMatchKey } from '../residents/index.ts';
import type { NoticeRecipient, SendNoticeInput, SentNotice } from './contracts.ts';
import { MailboxError } from './mailbox-error.ts';
import { type NoticeContent, noticeContentOf, openContent, type Retention, storeNotice } from './notices.ts';

export interface ApiSender {
  kind: 'municipality' | 'insurer';
  /** The API client's id. */
  clientId: string;
}

async function findRecipient(
  db: Queryable,
  options: { sender: ApiSender; recipient: NoticeRecipient; blindIndex: BlindIndex },
): Promise<string> {
  const { sender, recipient } = options;
  const key = basicInfoMatchKey({
    ...recipient,
    nameSubstitutes: [],
    dateOfBirth: { era: 'unknown', date: recipient.dateOfBirth },
    addressSubstitutes: [],
  });
  const candidates = options.blindIndex.candidates(key);
  const reach =
    sender.kind === 'municipality'
      ? `EXISTS (SELECT 1 FROM resident_households rh JOIN households h ON h.id = rh.household_id
           JOIN municipality_clients m ON m.local_government_code = h.local_government_code
          WHERE rh.resident_id = r.id AND m.client_id = $2)`
      : `EXISTS (SELECT 1 FROM status_report_contracts c WHERE c.insurer_id = $2
           AND (c.resident_id = r.id OR (c.resident_id IS NULL AND c.basic_info_index = ANY($1::text[]))))`;
  const [row] = await db.query<{ id: string }>(
    `SELECT r.id FROM residents r WHERE r.basic_info_index = ANY($1::text[]) AND ${reach}`,
    [candidates, sender.clientId],
  );
  if (row === undefined)
    throw new MailboxError(
      'notice.recipient-not-found',
      `no registered resident with these four items is among this ${sender.kind}'s residents`,
    );
  return row.id;
}

const sameContent = (a: NoticeContent, b: NoticeContent) =>
  a.title === b.title &&
  a.body === b.body &&
  a.attachment?.url === b.attachment?.url &&
  a.attachment?.title === b.attachment?.title;

/** Sends (or finds the earlier send of) a notice; `created: false` for the same send again. */
export async function sendNotice(
  db: Queryable,
  cipher: FieldCipher,
  options: Retention & { sender: ApiSender; input: SendNoticeInput; blindIndex: BlindIndex },
): Promise<{ notice: SentNotice; created: boolean }> {
  const { sender, input, now } = options;
  const [client] = await db.query<{ name: string }>('SELECT name FROM api_clients WHERE id = $1', [
    sender.clientId,
  ]);
  const residentId = await findRecipient(db, { ...options, recipient: input.recipient });
  const { id, created } = await storeNotice(db, cipher, {
    residentId,
    sender: { kind: sender.kind, id: sender.clientId, name: client?.name ?? '' },
    kind: sender.kind === 'insurer' ? 'insurer-notice' : 'municipality-notice',
    title: input.title,
    body: input.body,
    ...(input.attachment ? { attachment: input.attachment } : {}),
    dedupeKey: `sent:${sender.kind}:${sender.clientId}:${input.noticeId}`,
    now,
  });
  const [row] = await db.query<{ resident_id: string; content_sealed: string; created_at: Date }>(
    'SELECT resident_id, content_sealed, created_at FROM resident_notices WHERE id = $1',
    [id],
  );
  if (row === undefined) throw new Error('a notice just stored is gone');
  if (!created) {
    const earlier = openContent(cipher, id, row.content_sealed);
    if (row.resident_id !== residentId || !sameContent(earlier, noticeContentOf(input)))
      throw new MailboxError(
        'notice.id-reused',
        `notice id ${input.noticeId} was sent before with another recipient or content`,
      );
  }
  const expiresAt = new Date(row.created_at.getTime() + options.retentionDays * 86_400_000);
  return {
    notice: {
      id,
      noticeId: input.noticeId,
      createdAt: row.created_at.toISOString(),
      expiresAt: expiresAt.toISOString(),
    },
    created,
  };
}
