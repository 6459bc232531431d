// HTTP routes of the shelter views on the dashboard: status against capacity, arrivals, households at home,
// people needing help not at a shelter, unresolved people and matching, flags, supplies and their figures, and
// the L-Alert / CSV export. Who sees which shelters: shelter-scope.ts (admins all, municipality staff their
// municipality, shelter staff their assigned shelter).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
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
import { matchPerson } from './person-matches.ts';
import { shelterReportCsv, shelterReportXml } from './shelter-report-export.ts';
import { shelterReaderOf } from './shelter-scope.ts';
import { shelterStaffRoutes } from './shelter-staff-routes.ts';
import {
  arrivalsOverTime,
  flaggedEvents,
  householdsAtHome,
  needsAssistanceNotAtShelter,
  shelterStatuses,
  unresolvedPeople,
} from './shelter-views.ts';
import { defaultRatesCode, estimateSupplies, setSupplyRate, supplyGroups, supplyRates } from './supplies.ts';

export interface ShelterViewRouteDeps {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
}

const staff = roleGuard('operator-admin', 'municipality-staff', 'shelter-staff');
const officials = roleGuard('operator-admin', 'municipality-staff');
const tags = ['shelter views'];
const municipalityCode = z.string().regex(/^[0-9]{6}$/);
const alertQuery = z.object({
  alertId: z.uuid().optional().describe('Default: the newest alert in force that was dispatched'),
});

const shelterStatusSchema = z
  .object({
    shelterId: z.string(),
    name: z.string(),
    kind: z.string(),
    localGovernmentCode: z.string(),
    status: z.enum(['open', 'closed']),
    capacity: z.number().int().nullable(),
    capacityText: z.string().nullable(),
    people: z.number().int(),
    households: z.number().int(),
    flagged: z.number().int(),
    unresolved: z.number().int(),
    openedAt: z.iso.datetime().nullable(),
  })
  .openapi('ShelterStatus');

const statusRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/status',
  tags,
  summary: 'Shelters in operation with people and households against capacity',
  responses: {
    200: jsonResponse(z.object({ shelters: z.array(shelterStatusSchema) }), 'Shelters'),
  },
});

const arrivalsRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/arrivals',
  tags,
  summary: 'First arrivals per shelter in time buckets',
  request: {
    query: z.object({
      since: z.iso.datetime().optional().describe('Default: 24 hours ago'),
      bucketMinutes: z.coerce.number().int().min(1).max(1440).default(15),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        bucketMinutes: z.number().int(),
        buckets: z.array(
          z.object({ at: z.iso.datetime(), shelterId: z.string(), arrivals: z.number().int() }),
        ),
      }),
      'Arrivals',
    ),
  },
});

const atHomeRoute = guardedRoute(officials, {
  method: 'get',
  path: '/shelters/households-at-home',
  tags,
  summary: "Households of an alert's area per municipality and 町字: at a shelter, on the way, at home",
  request: { query: alertQuery },
  responses: {
    200: jsonResponse(
      z.object({
        alertId: z.uuid().nullable(),
        areas: z.array(
          z.object({
            localGovernmentCode: z.string(),
            machiazaId: z.string().nullable(),
            targeted: z.number().int(),
            atShelter: z.number().int(),
            onTheWay: z.number().int(),
            atHome: z.number().int(),
            safe: z.number().int(),
          }),
        ),
      }),
      'Per area',
    ),
  },
  errors: [404],
});

const needsRoute = guardedRoute(officials, {
  method: 'get',
  path: '/shelters/needs-assistance',
  tags,
  summary: 'Households with someone needing help, nobody at a shelter, not answered safe (audited)',
  request: { query: alertQuery },
  responses: {
    200: jsonResponse(
      z.object({
        alertId: z.uuid().nullable(),
        households: z.array(
          z.object({
            householdId: z.uuid(),
            address: z.string(),
            members: z.array(z.object({ name: z.string(), needsAssistance: z.boolean() })),
            localGovernmentCode: z.string(),
            machiazaId: z.string().nullable(),
            answer: z.string().nullable(),
          }),
        ),
      }),
      'Households',
    ),
  },
  errors: [404],
});

const unresolvedRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/unresolved',
  tags,
  summary: 'People present not resolved to a resident, for staff to match (audited)',
  responses: {
    200: jsonResponse(
      z.object({
        people: z.array(
          z.object({
            personKey: z.string(),
            shelterId: z.string(),
            checkedInAt: z.iso.datetime(),
            flag: z.string().nullable(),
            manual: z
              .object({ name: z.string(), ageGroup: z.string(), needsAssistance: z.boolean() })
              .nullable(),
          }),
        ),
      }),
      'People',
    ),
  },
});

const matchRoute = guardedRoute(staff, {
  method: 'post',
  path: '/shelters/person-matches',
  tags,
  summary: 'Say which resident an unresolved person is (audited; a later match replaces it)',
  request: {
    body: jsonBody(
      z.strictObject({
        personKey: z.string().regex(/^(card:[0-9a-f]{64}|manual:[0-9a-f-]{36})$/),
        residentId: z.uuid(),
      }),
    ),
  },
  responses: {
    200: jsonResponse(z.object({ personKey: z.string(), residentId: z.uuid() }), 'Matched'),
  },
  errors: [404],
});

const flagsRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/flags',
  tags,
  summary: 'Events to look at: revoked, expired or untrusted cards; terminal clocks far off',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
  responses: {
    200: jsonResponse(
      z.object({
        events: z.array(
          z.object({
            eventId: z.uuid(),
            terminalId: z.uuid(),
            shelterId: z.string(),
            type: z.string(),
            personKey: z.string(),
            occurredAt: z.iso.datetime(),
            receivedAt: z.iso.datetime(),
            reasons: z.array(z.string()),
          }),
        ),
      }),
      'Events',
    ),
  },
});

const suppliesRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/supplies',
  tags,
  summary: 'Supplies per occupied shelter for the people there, for a number of days',
  request: { query: z.object({ days: z.coerce.number().int().min(1).max(14).default(1) }) },
  responses: {
    200: jsonResponse(
      z.object({
        shelters: z.array(
          z.object({
            shelterId: z.string(),
            localGovernmentCode: z.string(),
            people: z.number().int(),
            infants: z.number().int(),
            elderly: z.number().int(),
            days: z.number().int(),
            items: z.array(
              z.object({ item: z.string(), label: z.string(), unit: z.string(), quantity: z.number().int() }),
            ),
          }),
        ),
      }),
      'Estimate',
    ),
  },
});

const rateSchema = z
  .object({
    item: z.string(),
    label: z.string(),
    unit: z.string(),
    appliesTo: z.enum(supplyGroups),
    perPersonPerDay: z.number(),
    source: z.string().describe("'000000': the default; else the municipality's own figure"),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
  })
  .openapi('ShelterSupplyRate');

const ratesRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/supply-rates',
  tags,
  summary: 'Per-person-per-day supply figures in force for a municipality',
  request: {
    query: z.object({
      localGovernmentCode: municipalityCode.optional().describe('Admins; staff get theirs'),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ localGovernmentCode: z.string(), rates: z.array(rateSchema) }), 'Figures'),
  },
});

const setRateRoute = guardedRoute(officials, {
  method: 'put',
  path: '/shelters/supply-rates/{item}',
  tags,
  summary: "Set a municipality's figure for an item (audited); admins may change the defaults ('000000')",
  request: {
    params: z.object({ item: z.string().regex(/^[a-z][a-z-]{1,39}$/) }),
    body: jsonBody(
      z.strictObject({
        localGovernmentCode: municipalityCode.optional(),
        perPersonPerDay: z.number().min(0).max(100000),
        label: z.string().trim().min(1).max(40).optional(),
        unit: z.string().trim().min(1).max(10).optional(),
        appliesTo: z.enum(supplyGroups).optional(),
      }),
    ),
  },
  responses: {
    200: jsonResponse(
      z.object({ localGovernmentCode: z.string(), rates: z.array(rateSchema) }),
      'Figures now',
    ),
  },
});

const reportRoute = (format: 'xml' | 'csv') =>
  guardedRoute(staff, {
    method: 'get',
    path: `/shelters/report.${format}`,
    tags,
    summary:
      format === 'xml'
        ? 'Shelter status in the L-Alert (PCXML) Shelter body shape'
        : 'Shelter status as CSV (UTF-8 with BOM, for Excel)',
    responses: {
      200: {
        description: 'The report',
        content: {
          [format === 'xml' ? 'application/xml' : 'text/csv']: { schema: z.string() },
        },
      },
    },
  });

export function shelterViewRoutes(deps: ShelterViewRouteDeps) {
  const { db, cipher, clock } = deps;
  const readerOf = (c: Context<AppEnv>, asked?: string) => shelterReaderOf(db, staff.principal(c), asked);
  return createRouter()
    .openapi(statusRoute, async (c) => {
      const shelters = await shelterStatuses(db, await readerOf(c));
      return c.json({ shelters }, 200);
    })
    .openapi(arrivalsRoute, async (c) => {
      const { since, bucketMinutes } = c.req.valid('query');
      const buckets = await arrivalsOverTime(db, {
        ...(await readerOf(c)),
        since: since === undefined ? new Date(clock().getTime() - 86_400_000) : new Date(since),
        bucketSeconds: bucketMinutes * 60,
      });
      return c.json({ bucketMinutes, buckets }, 200);
    })
    .openapi(atHomeRoute, async (c) => {
      const result = await householdsAtHome(db, {
        ...(await readerOf(c)),
        alertId: c.req.valid('query').alertId,
      });
      return c.json(result, 200);
    })
    .openapi(needsRoute, async (c) => {
      const result = await needsAssistanceNotAtShelter(db, {
        ...(await readerOf(c)),
        alertId: c.req.valid('query').alertId,
        cipher,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(result, 200);
    })
    .openapi(unresolvedRoute, async (c) => {
      const people = await unresolvedPeople(db, {
        ...(await readerOf(c)),
        cipher,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ people }, 200);
    })
    .openapi(matchRoute, async (c) => {
      const { personKey, residentId } = c.req.valid('json');
      await matchPerson(db, {
        ...(await readerOf(c)),
        personKey,
        residentId,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ personKey, residentId }, 200);
    })
    .openapi(flagsRoute, async (c) => {
      const events = await flaggedEvents(db, {
        ...(await readerOf(c)),
        limit: c.req.valid('query').limit,
      });
      return c.json({ events }, 200);
    })
    .openapi(suppliesRoute, async (c) => {
      const shelters = await estimateSupplies(db, {
        ...(await readerOf(c)),
        cipher,
        days: c.req.valid('query').days,
        now: clock(),
      });
      return c.json({ shelters }, 200);
    })
    .openapi(ratesRoute, async (c) => {
      const code =
        (await readerOf(c, c.req.valid('query').localGovernmentCode)).municipality ?? defaultRatesCode;
      return c.json({ localGovernmentCode: code, rates: await supplyRates(db, code) }, 200);
    })
    .openapi(setRateRoute, async (c) => {
      const { localGovernmentCode, ...rate } = c.req.valid('json');
      const code = (await readerOf(c, localGovernmentCode)).municipality ?? defaultRatesCode;
      await db.transaction(async (tx) =>
        setSupplyRate(tx, {
          municipality: code,
          item: c.req.valid('param').item,
          ...rate,
          actor: auditActorOf(staff.principal(c), c.get('requestId')),
          now: clock(),
        }),
      );
      return c.json({ localGovernmentCode: code, rates: await supplyRates(db, code) }, 200);
    })
    .openapi(reportRoute('xml'), async (c) => {
      const reader = await readerOf(c);
      const shelters = await shelterStatuses(db, reader);
      const xml = shelterReportXml(shelters, { areaName: reader.municipality ?? '全域', now: clock() });
      return c.body(xml, 200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': 'attachment; filename="shelter-report.xml"',
      });
    })
    .openapi(reportRoute('csv'), async (c) => {
      const shelters = await shelterStatuses(db, await readerOf(c));
      return c.body(shelterReportCsv(shelters), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="shelter-report.csv"',
      });
    })
    .route('/', shelterStaffRoutes(deps));
}
