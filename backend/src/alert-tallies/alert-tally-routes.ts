// HTTP routes of the alert tallies: a box reports an alert shown and its answer (device credential), and the
// dashboard reads the alerts, their counts, map and the unanswered households needing help (operator admins,
// municipality staff for their own municipality). Thin: validate, call one domain function, map.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuthError } from '../accounts/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  type AppEnv,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import {
  listAlerts,
  readAlertDetail,
  readAlertMap,
  readNeedsAssistance,
  type TallyReader,
} from './alert-reads.ts';
import {
  alertDetailSchema,
  alertListSchema,
  alertMapSchema,
  alertResponseInputSchema,
  alertResponseSchema,
  needsAssistanceListSchema,
} from './contracts.ts';
import { recordResponse } from './record-response.ts';

export interface AlertTallyRouteDeps {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
}

const devices = roleGuard('device');
const staff = roleGuard('operator-admin', 'municipality-staff');

const alertId = z.object({ id: z.uuid() });

const respondRoute = guardedRoute(devices, {
  method: 'post',
  path: '/alert-responses',
  tags: ['alerts'],
  summary: "A box reports an alert shown and/or the household's answer; repeating a report changes nothing",
  request: { body: jsonBody(alertResponseInputSchema) },
  responses: { 200: jsonResponse(alertResponseSchema, "The household's standing for the alert's thread") },
  errors: [404],
});

const listRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/alerts',
  tags: ['alerts'],
  summary: 'Alerts, newest first, with delivery and answer counts',
  request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: jsonResponse(alertListSchema, 'Alerts') },
});

const detailRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/alerts/{id}',
  tags: ['alerts'],
  summary: 'One alert with counts per municipality, 町字 and assigned shelter',
  request: { params: alertId },
  responses: { 200: jsonResponse(alertDetailSchema, 'The alert') },
  errors: [404],
});

const mapRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/alerts/{id}/map',
  tags: ['alerts'],
  summary: "GeoJSON: the alert's areas, its households (a state each, nothing personal), the shelters",
  request: { params: alertId },
  responses: { 200: jsonResponse(alertMapSchema, 'The map') },
  errors: [404],
});

const needsRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/alerts/{id}/needs-assistance',
  tags: ['alerts'],
  summary: 'Households with people needing help that have not answered (personal data; audited)',
  request: { params: alertId },
  responses: { 200: jsonResponse(needsAssistanceListSchema, 'The households') },
  errors: [404],
});

/** Municipality staff read for their municipality only; an account of that role without one reads nothing. */
function readerOf(c: Context<AppEnv>): TallyReader {
  const principal = staff.principal(c);
  if (principal.role === 'operator-admin') return { accountId: principal.accountId, municipality: null };
  if (principal.localGovernmentCode === null) {
    throw new AuthError('auth.forbidden', 'this account is not linked to a municipality');
  }
  return { accountId: principal.accountId, municipality: principal.localGovernmentCode };
}

export function alertTallyRoutes(deps: AlertTallyRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(respondRoute, async (c) => {
      const { device } = devices.principal(c);
      return c.json(await recordResponse(db, { device, input: c.req.valid('json'), now: clock() }), 200);
    })
    .openapi(listRoute, async (c) => {
      const alerts = await listAlerts(db, { reader: readerOf(c), limit: c.req.valid('query').limit });
      return c.json({ alerts }, 200);
    })
    .openapi(detailRoute, async (c) =>
      c.json(await readAlertDetail(db, { reader: readerOf(c), alertId: c.req.valid('param').id }), 200),
    )
    .openapi(mapRoute, async (c) =>
      c.json(await readAlertMap(db, { reader: readerOf(c), alertId: c.req.valid('param').id }), 200),
    )
    .openapi(needsRoute, async (c) => {
      const households = await readNeedsAssistance(db, {
        reader: readerOf(c),
        alertId: c.req.valid('param').id,
        cipher,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ households }, 200);
    });
}
