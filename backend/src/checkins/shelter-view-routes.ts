// HTTP routes of the shelter views on the dashboard: status against capacity, arrivals, households at home,
// people needing help not at a shelter, unresolved people and matching, flags, supplies and their figures, and
// the L-Alert / CSV export. Municipality staff see their own municipality; shelter staff theirs when their
// account names one, else all (an account names a municipality, never one shelter); the admins see all.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuthError } from '../accounts/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  type AppEnv,
  auditActorOf,
  createRouter,
  errorResponses,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import { matchPerson } from './person-matches.ts';
import { shelterReportCsv, shelterReportXml } from './shelter-report-export.ts';
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

const statusRoute = createRoute({
  method: 'get',
  path: '/shelters/status',
  tags,
  summary: 'Shelters in operation with people and households against capacity',
  middleware: [staff.middleware],
  security: staff.security,
  responses: {
    200: jsonResponse(z.object({ shelters: z.array(shelterStatusSchema) }), 'Shelters'),
    ...errorResponses(401, 403),
  },
});

const arrivalsRoute = createRoute({
  method: 'get',
  path: '/shelters/arrivals',
  tags,
  summary: 'First arrivals per shelter in time buckets',
  middleware: [staff.middleware],
  security: staff.security,
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
    ...errorResponses(400, 401, 403),
  },
});

const atHomeRoute = createRoute({
  method: 'get',
  path: '/shelters/households-at-home',
  tags,
  summary: "Households of an alert's area per municipality and 町字: at a shelter, on the way, at home",
  middleware: [officials.middleware],
  security: officials.security,
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
    ...errorResponses(400, 401, 403, 404),
  },
});

const needsRoute = createRoute({
  method: 'get',
  path: '/shelters/needs-assistance',
  tags,
  summary: 'Households with someone needing help, nobody at a shelter, not answered safe (audited)',
  middleware: [officials.middleware],
  security: officials.security,
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
    ...errorResponses(400, 401, 403, 404),
  },
});

const unresolvedRoute = createRoute({
  method: 'get',
  path: '/shelters/unresolved',
  tags,
  summary: 'People present not resolved to a resident, for staff to match (audited)',
  middleware: [staff.middleware],
  security: staff.security,
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
    ...errorResponses(401, 403),
  },
});

const matchRoute = createRoute({
  method: 'post',
  path: '/shelters/person-matches',
  tags,
  summary: 'Say which resident an unresolved person is (audited; a later match replaces it)',
  middleware: [staff.middleware],
  security: staff.security,
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
    ...errorResponses(400, 401, 403, 404, 415),
  },
});

const flagsRoute = createRoute({
  method: 'get',
  path: '/shelters/flags',
  tags,
  summary: 'Events to look at: revoked, expired or untrusted cards; terminal clocks far off',
  middleware: [staff.middleware],
  security: staff.security,
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
    ...errorResponses(400, 401, 403),
  },
});

const suppliesRoute = createRoute({
  method: 'get',
  path: '/shelters/supplies',
  tags,
  summary: 'Supplies per occupied shelter for the people there, for a number of days',
  middleware: [staff.middleware],
  security: staff.security,
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
    ...errorResponses(400, 401, 403),
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

const ratesRoute = createRoute({
  method: 'get',
  path: '/shelters/supply-rates',
  tags,
  summary: 'Per-person-per-day supply figures in force for a municipality',
  middleware: [staff.middleware],
  security: staff.security,
  request: {
    query: z.object({
      localGovernmentCode: municipalityCode.optional().describe('Admins; staff get theirs'),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ localGovernmentCode: z.string(), rates: z.array(rateSchema) }), 'Figures'),
    ...errorResponses(400, 401, 403),
  },
});

const setRateRoute = createRoute({
  method: 'put',
  path: '/shelters/supply-rates/{item}',
  tags,
  summary: "Set a municipality's figure for an item (audited); admins may change the defaults ('000000')",
  middleware: [officials.middleware],
  security: officials.security,
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
    ...errorResponses(400, 401, 403, 415),
  },
});

const reportRoute = (format: 'xml' | 'csv') =>
  createRoute({
    method: 'get',
    path: `/shelters/report.${format}`,
    tags,
    summary:
      format === 'xml'
        ? 'Shelter status in the L-Alert (PCXML) Shelter body shape'
        : 'Shelter status as CSV (UTF-8 with BOM, for Excel)',
    middleware: [staff.middleware],
    security: staff.security,
    responses: {
      200: {
        description: 'The report',
        content: {
          [format === 'xml' ? 'application/xml' : 'text/csv']: { schema: z.string() },
        },
      },
      ...errorResponses(401, 403),
    },
  });

/** The municipality a staff member acts for; admins may name one, else null (all). */
function municipalityOf(c: Context<AppEnv>, asked?: string): string | null {
  const principal = staff.principal(c);
  if (principal.role === 'operator-admin') return asked ?? null;
  // Shelter staff accounts name no municipality (operator-employed, accounts/operator-accounts.ts): they see
  // every shelter, as the occupancy route lets them. Municipality staff without one is a broken account.
  if (principal.localGovernmentCode === null) {
    if (principal.role === 'shelter-staff' && asked === undefined) return null;
    throw new AuthError('auth.forbidden', 'this staff account names no municipality');
  }
  if (asked !== undefined && asked !== principal.localGovernmentCode) {
    throw new AuthError('auth.forbidden', 'staff act for their own municipality only');
  }
  return principal.localGovernmentCode;
}

export function shelterViewRoutes(deps: ShelterViewRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(statusRoute, async (c) => {
      const shelters = await shelterStatuses(db, { municipality: municipalityOf(c) });
      return c.json({ shelters }, 200);
    })
    .openapi(arrivalsRoute, async (c) => {
      const { since, bucketMinutes } = c.req.valid('query');
      const buckets = await arrivalsOverTime(db, {
        municipality: municipalityOf(c),
        since: since === undefined ? new Date(clock().getTime() - 86_400_000) : new Date(since),
        bucketSeconds: bucketMinutes * 60,
      });
      return c.json({ bucketMinutes, buckets }, 200);
    })
    .openapi(atHomeRoute, async (c) => {
      const result = await householdsAtHome(db, {
        municipality: municipalityOf(c),
        alertId: c.req.valid('query').alertId,
      });
      return c.json(result, 200);
    })
    .openapi(needsRoute, async (c) => {
      const result = await needsAssistanceNotAtShelter(db, {
        municipality: municipalityOf(c),
        alertId: c.req.valid('query').alertId,
        cipher,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(result, 200);
    })
    .openapi(unresolvedRoute, async (c) => {
      const people = await unresolvedPeople(db, {
        municipality: municipalityOf(c),
        cipher,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ people }, 200);
    })
    .openapi(matchRoute, async (c) => {
      const { personKey, residentId } = c.req.valid('json');
      await matchPerson(db, {
        personKey,
        residentId,
        actor: auditActorOf(staff.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ personKey, residentId }, 200);
    })
    .openapi(flagsRoute, async (c) => {
      const events = await flaggedEvents(db, {
        municipality: municipalityOf(c),
        limit: c.req.valid('query').limit,
      });
      return c.json({ events }, 200);
    })
    .openapi(suppliesRoute, async (c) => {
      const shelters = await estimateSupplies(db, {
        municipality: municipalityOf(c),
        cipher,
        days: c.req.valid('query').days,
        now: clock(),
      });
      return c.json({ shelters }, 200);
    })
    .openapi(ratesRoute, async (c) => {
      const code = municipalityOf(c, c.req.valid('query').localGovernmentCode) ?? defaultRatesCode;
      return c.json({ localGovernmentCode: code, rates: await supplyRates(db, code) }, 200);
    })
    .openapi(setRateRoute, async (c) => {
      const { localGovernmentCode, ...rate } = c.req.valid('json');
      const code = municipalityOf(c, localGovernmentCode) ?? defaultRatesCode;
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
      const municipality = municipalityOf(c);
      const shelters = await shelterStatuses(db, { municipality });
      const xml = shelterReportXml(shelters, { areaName: municipality ?? '全域', now: clock() });
      return c.body(xml, 200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': 'attachment; filename="shelter-report.xml"',
      });
    })
    .openapi(reportRoute('csv'), async (c) => {
      const shelters = await shelterStatuses(db, { municipality: municipalityOf(c) });
      return c.body(shelterReportCsv(shelters), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="shelter-report.csv"',
      });
    });
}
