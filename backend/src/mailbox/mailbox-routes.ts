// HTTP routes of the mailbox (電子私書箱). The logged-in resident (device credential + resident session): the
// notices still kept, newest first, one notice, mark read. A municipality's or insurer's API client: send a
// notice to one resident. Thin: the work is in notices.ts and sent-notices.ts.
import { z } from '@hono/zod-openapi';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { createRouter, guardedRoute, jsonBody, jsonResponse, roleGuard } from '../http/index.ts';
import type { BlindIndex } from '../residents/index.ts';
import { noticeListSchema, noticeSchema, sendNoticeInputSchema, sentNoticeSchema } from './contracts.ts';
import { listNotices, markNoticeRead, readNotice } from './notices.ts';
import { sendNotice } from './sent-notices.ts';

export interface MailboxRouteDeps {
  db: Database;
  cipher: FieldCipher;
  /** Finds the recipient of a sent notice by the four basic items. */
  blindIndex: BlindIndex;
  clock: () => Date;
  /** MAILBOX_RETENTION_DAYS: notices older than this are neither listed nor kept. */
  retentionDays: number;
}

const residents = roleGuard('resident');
const senders = roleGuard('municipality', 'insurer');
const noticeId = z.object({ id: z.uuid() });

const listRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me/notices',
  tags: ['mailbox'],
  summary: 'The notices (お知らせ) of the logged-in resident still kept, newest first',
  responses: { 200: jsonResponse(noticeListSchema, 'The notices') },
});

const readOneRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me/notices/{id}',
  tags: ['mailbox'],
  summary: "One notice of the logged-in resident (another resident's: 404)",
  request: { params: noticeId },
  responses: { 200: jsonResponse(noticeSchema, 'The notice') },
  errors: [404],
});

const markReadRoute = guardedRoute(residents, {
  method: 'post',
  path: '/residents/me/notices/{id}/read',
  tags: ['mailbox'],
  summary: 'Mark a notice read',
  request: { params: noticeId },
  responses: { 204: { description: 'Read' } },
  errors: [404],
});

const sendRoute = guardedRoute(senders, {
  method: 'post',
  path: '/mailbox/notices',
  tags: ['mailbox'],
  summary: "Send a notice to one resident (a municipality's or insurer's API client)",
  description:
    'The recipient is named by the four basic items; a municipality reaches residents whose household is in ' +
    'it, an insurer the holders of its contracts. Plain text only (markup is refused, not stripped); the ' +
    'attachment is an https link. The same `noticeId` again: 200 with the first notice; reused for another ' +
    'notice: 409.',
  request: { body: jsonBody(sendNoticeInputSchema) },
  responses: {
    201: jsonResponse(sentNoticeSchema, 'Sent'),
    200: jsonResponse(sentNoticeSchema, 'Sent before: the same notice'),
  },
  errors: [404, 409],
});

export function mailboxRoutes(deps: MailboxRouteDeps) {
  const { db, cipher, clock, retentionDays } = deps;
  /** One notice of the logged-in resident, as of now. */
  const own = ({ residentId }: { residentId: string }, noticeId: string) => ({
    residentId,
    noticeId,
    now: clock(),
    retentionDays,
  });
  return createRouter()
    .openapi(listRoute, async (c) => {
      const { residentId } = residents.principal(c);
      return c.json(
        { notices: await listNotices(db, cipher, { residentId, now: clock(), retentionDays }) },
        200,
      );
    })
    .openapi(readOneRoute, async (c) => {
      const notice = await readNotice(db, cipher, own(residents.principal(c), c.req.valid('param').id));
      return c.json(notice, 200);
    })
    .openapi(markReadRoute, async (c) => {
      await markNoticeRead(db, own(residents.principal(c), c.req.valid('param').id));
      return c.body(null, 204);
    })
    .openapi(sendRoute, async (c) => {
      const principal = senders.principal(c);
      const { notice, created } = await sendNotice(db, cipher, {
        sender: { kind: principal.role, clientId: principal.clientId },
        input: c.req.valid('json'),
        blindIndex: deps.blindIndex,
        now: clock(),
        retentionDays,
      });
      return c.json(notice, created ? 201 : 200);
    });
}
