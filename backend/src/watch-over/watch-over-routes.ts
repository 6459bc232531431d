// HTTP routes of watch-over: a box reports its activity (device credential); operator admins and municipality
// staff (their own municipality) find a household, record, read and withdraw its consent and read the list of
// quiet households. Thin: validate, call one domain function, map.
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
import { recordActivity } from './activity.ts';
import { type ConsentActor, putConsent, readConsent, withdrawConsent } from './consent.ts';
import {
  activityReceiptSchema,
  activityReportSchema,
  consentInputSchema,
  consentSchema,
  householdMatchListSchema,
  quietNoticeListSchema,
} from './contracts.ts';
import { searchHouseholds } from './household-search.ts';
import { listQuietNotices } from './quiet-notices.ts';

export interface WatchOverRouteDeps {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  /** WATCH_OVER_QUIET_HOURS: the quiet period of a consent that names none. */
  defaultQuietHours: number;
}

const devices = roleGuard('device');
const staff = roleGuard('operator-admin', 'municipality-staff');
const household = z.object({ id: z.uuid() });

const activityRoute = guardedRoute(devices, {
  method: 'post',
  path: '/watch-over/activity',
  tags: ['watch-over'],
  summary: 'A box reports remote key presses per hour (counts only); repeating a report changes nothing',
  request: { body: jsonBody(activityReportSchema) },
  responses: {
    200: jsonResponse(activityReceiptSchema, "Hours taken, and the household's schedule"),
  },
});

const putConsentRoute = guardedRoute(staff, {
  method: 'put',
  path: '/households/{id}/watch-over',
  tags: ['watch-over'],
  summary: "Record the household's consent to watch-over (replaces an earlier one)",
  request: { params: household, body: jsonBody(consentInputSchema) },
  responses: { 200: jsonResponse(consentSchema, 'The consent') },
  errors: [404],
});

const getConsentRoute = guardedRoute(staff, {
  method: 'get',
  path: '/households/{id}/watch-over',
  tags: ['watch-over'],
  summary: "The household's consent to watch-over",
  request: { params: household },
  responses: { 200: jsonResponse(consentSchema, 'The consent') },
  errors: [404],
});

const withdrawRoute = guardedRoute(staff, {
  method: 'delete',
  path: '/households/{id}/watch-over',
  tags: ['watch-over'],
  summary: 'The household withdraws from watch-over',
  request: { params: household },
  responses: { 204: { description: 'Withdrawn' } },
  errors: [404],
});

const noticesRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/watch-over/notices',
  tags: ['watch-over'],
  summary: 'Quiet households (one notice per quiet period), newest first',
  request: {
    query: z.strictObject({
      open: z.enum(['true', 'false']).default('true'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: jsonResponse(quietNoticeListSchema, 'The notices') },
});

const householdSearchRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/watch-over/households',
  tags: ['watch-over'],
  summary: 'Households by part of the address or a member name, with their consent state (audited)',
  request: {
    query: z.strictObject({
      q: z.string().trim().min(1).max(50),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: { 200: jsonResponse(householdMatchListSchema, 'Households (at most `limit`)') },
});

/** Municipality staff act for their municipality only; an account of that role without one acts for none. */
function actorOf(c: Context<AppEnv>): ConsentActor {
  const principal = staff.principal(c);
  const audit = auditActorOf(principal, c.get('requestId'));
  if (principal.role === 'operator-admin') return { id: principal.accountId, municipality: null, audit };
  if (principal.localGovernmentCode === null) {
    throw new AuthError('auth.forbidden', 'this account is not linked to a municipality');
  }
  return { id: principal.accountId, municipality: principal.localGovernmentCode, audit };
}

export function watchOverRoutes(deps: WatchOverRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(activityRoute, async (c) => {
      const { device } = devices.principal(c);
      return c.json(await recordActivity(db, { device, report: c.req.valid('json'), now: clock() }), 200);
    })
    .openapi(putConsentRoute, async (c) => {
      const consent = await putConsent(db, cipher, {
        householdId: c.req.valid('param').id,
        input: c.req.valid('json'),
        actor: actorOf(c),
        defaultQuietHours: deps.defaultQuietHours,
        now: clock(),
      });
      return c.json(consent, 200);
    })
    .openapi(getConsentRoute, async (c) => {
      const householdId = c.req.valid('param').id;
      return c.json(await readConsent(db, cipher, { householdId, actor: actorOf(c), now: clock() }), 200);
    })
    .openapi(withdrawRoute, async (c) => {
      await withdrawConsent(db, { householdId: c.req.valid('param').id, actor: actorOf(c), now: clock() });
      return c.body(null, 204);
    })
    .openapi(noticesRoute, async (c) => {
      const query = c.req.valid('query');
      const actor = actorOf(c);
      const notices = await listQuietNotices(db, cipher, {
        municipality: actor.municipality,
        openOnly: query.open === 'true',
        limit: query.limit,
        actor: actor.audit,
        now: clock(),
      });
      return c.json({ notices }, 200);
    })
    .openapi(householdSearchRoute, async (c) => {
      const { q, limit } = c.req.valid('query');
      const actor = actorOf(c);
      const households = await searchHouseholds(db, cipher, {
        municipality: actor.municipality,
        text: q,
        limit,
        actor: actor.audit,
        now: clock(),
      });
      return c.json({ households }, 200);
    });
}
