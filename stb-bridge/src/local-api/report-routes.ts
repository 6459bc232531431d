// GET /reports, POST /reports/send, POST /reports/:submissionId/dismiss: thin, each one call into the status
// reports for the logged-in resident. The send body holds the signature password: read here, passed on, never
// logged or kept.
import { Hono } from 'hono';
import { z } from 'zod';
import type { StatusReports } from '../reports/status-reports.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type {
  ReportDismissedResponse,
  ReportsResponse,
  SendReportRequest,
  SendReportResponse,
} from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';
import { readJsonBody } from './request-body.ts';
import { asResident } from './resident-call.ts';

const id = z.string().min(1).max(64);
const sendSchema: z.ZodType<SendReportRequest> = z.strictObject({
  contractId: id,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  answers: z.array(z.strictObject({ questionId: id, answer: z.boolean() })).max(100),
  // Loose bound only: the format rules live in jpki/pin-format.ts and answer `card.pin-format`.
  password: z.string().max(64),
});
const submissionIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function reportRoutes(deps: { session: ResidentSession; reports: StatusReports }) {
  const { session, reports } = deps;
  return new Hono()
    .get('/reports', async (c) => c.json<ReportsResponse>(await asResident(session, (t) => reports.list(t))))
    .post('/reports/send', async (c) => {
      const { answer, created } = await asResident(session, async (token) =>
        reports.send(token, await readJsonBody(c, sendSchema)),
      );
      return c.json<SendReportResponse>(answer, answer.state === 'waiting' ? 202 : created ? 201 : 200);
    })
    .post('/reports/:submissionId/dismiss', async (c) => {
      const submissionId = c.req.param('submissionId');
      if (!submissionIdPattern.test(submissionId)) {
        throw new LocalApiError('request.invalid', 'submissionId must be a lowercase UUID');
      }
      await asResident(session, () => reports.dismiss(submissionId));
      return c.json<ReportDismissedResponse>({ submissionId });
    });
}
