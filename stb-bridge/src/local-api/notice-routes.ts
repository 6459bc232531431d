// GET /notices and POST /notices/:id/read: the resident's お知らせ, passed through from the backend's mailbox.
import { Hono } from 'hono';
import type { ReportBackend } from '../session/backend-client.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { isSessionError } from '../session/session-error.ts';
import type { NoticeReadResponse, NoticesResponse } from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';
import { asResident } from './resident-call.ts';

const noticeIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function noticeRoutes(deps: {
  session: ResidentSession;
  notices: Pick<ReportBackend, 'notices' | 'markNoticeRead'>;
}) {
  const { session, notices } = deps;
  return new Hono()
    .get('/notices', async (c) =>
      c.json<NoticesResponse>({
        notices: (await asResident(session, (token) => notices.notices(token))).notices,
      }),
    )
    .post('/notices/:id/read', async (c) => {
      const id = c.req.param('id');
      if (!noticeIdPattern.test(id)) throw new LocalApiError('request.invalid', 'not a notice id');
      await asResident(session, (token) => notices.markNoticeRead(token, id)).catch((error: unknown) => {
        // Another resident's notice, or none: the backend does not say which, and neither do we.
        if (isSessionError(error) && error.backendCode === 'notice.not-found') {
          throw new LocalApiError('notice.not-found', `no notice ${id} for this resident`, { cause: error });
        }
        throw error;
      });
      return c.json<NoticeReadResponse>({ id });
    });
}
