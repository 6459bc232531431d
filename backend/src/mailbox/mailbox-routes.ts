// HTTP routes of the logged-in resident's notices (device credential + resident session). Thin.
import { createRoute, z } from '@hono/zod-openapi';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { createRouter, errorResponses, jsonResponse, roleGuard } from '../http/index.ts';
import { noticeListSchema } from './contracts.ts';
import { listNotices, markNoticeRead } from './notices.ts';

export interface MailboxRouteDeps {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
}

const residents = roleGuard('resident');

const listRoute = createRoute({
  method: 'get',
  path: '/residents/me/notices',
  tags: ['mailbox'],
  summary: 'The notices (お知らせ) of the logged-in resident, newest first',
  middleware: [residents.middleware],
  security: residents.security,
  responses: { 200: jsonResponse(noticeListSchema, 'The notices'), ...errorResponses(401, 403) },
});

const readRoute = createRoute({
  method: 'post',
  path: '/residents/me/notices/{id}/read',
  tags: ['mailbox'],
  summary: 'Mark a notice read',
  middleware: [residents.middleware],
  security: residents.security,
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: 'Read' }, ...errorResponses(400, 401, 403, 404) },
});

export function mailboxRoutes(deps: MailboxRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(listRoute, async (c) => {
      const { residentId } = residents.principal(c);
      return c.json({ notices: await listNotices(db, cipher, { residentId }) }, 200);
    })
    .openapi(readRoute, async (c) => {
      const { residentId } = residents.principal(c);
      await markNoticeRead(db, { residentId, noticeId: c.req.valid('param').id, now: clock() });
      return c.body(null, 204);
    });
}
