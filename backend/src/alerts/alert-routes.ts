// HTTP routes of alert ingest: POST /alerts for alert publishers (the body is the XML) and the operators'
// compose form. Thin: check the media type, call the one ingest, map created/duplicate to 201/200.
import { AuthError, alertSendersOf } from '../accounts/index.ts';
import { describeArea } from '../areas/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/index.ts';
import {
  allowBodyUpTo,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  RequestError,
  roleGuard,
} from '../http/index.ts';
import type { AlertDispatcher } from './alert-dispatcher.ts';
import type { AlertIngestSettings } from './alert-settings.ts';
import { composeCapAlert } from './compose-alert.ts';
import {
  alertContentTypes,
  type ComposeAlertForm,
  composeAlertSchema,
  ingestAnswerSchema,
} from './contracts.ts';
import { createAlertIngest } from './ingest-alert.ts';

export interface AlertRouteDeps {
  db: Database;
  clock: () => Date;
  dispatcher: AlertDispatcher;
  settings: AlertIngestSettings;
}

const publishers = roleGuard('alert-publisher');
const composers = roleGuard('operator-admin', 'municipality-staff');

const xmlBody = {
  content: Object.fromEntries(
    alertContentTypes.map((type) => [
      type,
      { schema: { type: 'string' as const, description: 'CAP 1.2, L-Alert or JMA XML (UTF-8)' } },
    ]),
  ),
  required: true,
};

function ingestRoute(maxBytes: number) {
  return guardedRoute(publishers, {
    method: 'post',
    path: '/alerts',
    tags: ['alerts'],
    summary: 'Send an alert (CAP 1.2, L-Alert or JMA XML); the same message again: 200 with the same answer',
    middleware: [allowBodyUpTo(maxBytes)],
    request: { body: xmlBody },
    responses: {
      201: jsonResponse(ingestAnswerSchema, 'Stored (and dispatched when in force)'),
      200: jsonResponse(ingestAnswerSchema, 'Received before: the same answer'),
    },
    errors: [409, 422],
  });
}

const composeRoute = guardedRoute(composers, {
  method: 'post',
  path: '/ops/alerts/compose',
  tags: ['alerts'],
  summary: 'Compose an exercise or test alert (CAP 1.2 of the operator sender) and send it like any other',
  request: { body: jsonBody(composeAlertSchema) },
  responses: { 201: jsonResponse(ingestAnswerSchema, 'Stored (and dispatched when in force)') },
  errors: [422],
});

/** Municipality staff compose for their own municipality only (codes and 町字 of it). */
function checkOwnArea(area: ComposeAlertForm['area'], localGovernmentCode: string | null): void {
  if (localGovernmentCode === null) return;
  const own =
    'localGovernmentCode' in area
      ? area.localGovernmentCode === localGovernmentCode
      : 'machiazaIds' in area
        ? area.machiazaIds.every((id) => id.startsWith(localGovernmentCode.slice(0, 5)))
        : true;
  if (!own) throw new AuthError('auth.forbidden', 'municipality staff may only alert their own municipality');
}

export function alertRoutes(deps: AlertRouteDeps) {
  const { db, clock, settings } = deps;
  const ingest = createAlertIngest(deps);
  return createRouter()
    .openapi(ingestRoute(settings.maxBytes), async (c) => {
      const { clientId } = publishers.principal(c);
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!(alertContentTypes as readonly string[]).includes(type)) {
        throw new RequestError(
          'request.unsupported-media-type',
          `send ${alertContentTypes.join(' or ')}, not ${type || 'no content type'}`,
        );
      }
      const xml = new Uint8Array(await c.req.arrayBuffer());
      const allowedSenders = await alertSendersOf(db, clientId);
      const { created, answer } = await ingest.ingest({
        xml,
        source: 'api',
        publisher: clientId,
        allowedSenders,
      });
      return c.json(answer, created ? 201 : 200);
    })
    .openapi(composeRoute, async (c) => {
      const principal = composers.principal(c);
      const form = c.req.valid('json');
      checkOwnArea(form.area, principal.localGovernmentCode);
      const now = clock();
      const areaDesc = 'polygon' in form.area ? undefined : await describeArea(db, form.area);
      const { xml } = composeCapAlert(form, {
        sender: settings.composeSender,
        now,
        ...(areaDesc === undefined ? {} : { areaDesc }),
      });
      const { answer } = await ingest.ingest({ xml, source: 'compose', publisher: principal.accountId });
      await recordAudit(db, {
        actor: auditActorOf(principal, c.get('requestId')),
        action: 'alert.compose',
        target: { type: 'alert', id: answer.id },
        at: now,
      });
      return c.json(answer, 201);
    });
}
