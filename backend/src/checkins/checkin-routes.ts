// HTTP routes of shelter check-in: operator admins enrol and revoke terminals; a terminal sends its journal
// and asks how far it has arrived; staff read the occupancy.
import { z } from '@hono/zod-openapi';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  allowBodyUpTo,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import type { CardRevocationCheck } from './card-revocation.ts';
import { eventBatchSchema, eventReceiptSchema, maxEventsPerBatch } from './contracts.ts';
import { ingestEvents } from './event-ingestion.ts';
import { shelterOccupancy } from './occupancy.ts';
import { shelterReaderOf } from './shelter-scope.ts';
import { enrolTerminal, listTerminals, revokeTerminal } from './shelter-terminals.ts';

export interface CheckinRouteDeps {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  /** The backend's CRL check of tapped cards at ingestion; absent: the terminals' verdicts only. */
  cardRevocation?: CardRevocationCheck;
}

/** A journal event is well under 1 KiB of JSON. */
const maxBatchBytes = maxEventsPerBatch * 1024;

const admins = roleGuard('operator-admin');
const terminals = roleGuard('shelter-terminal');
const staff = roleGuard('operator-admin', 'municipality-staff', 'shelter-staff');
const shelterId = z.string().regex(/^E[0-9]{13}$/);

const terminalSchema = z
  .object({
    terminalId: z.uuid(),
    shelterId: z.string(),
    label: z.string(),
    enrolledAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    storedThrough: z.number().int(),
  })
  .openapi('ShelterTerminal');

const enrolRoute = guardedRoute(admins, {
  method: 'post',
  path: '/shelters/{shelterId}/terminals',
  tags: ['shelter check-in'],
  summary: 'Enrol a check-in terminal to a shelter',
  request: {
    params: z.object({ shelterId }),
    body: jsonBody(z.strictObject({ label: z.string().trim().min(1).max(100) })),
  },
  responses: {
    201: jsonResponse(
      z
        .object({
          terminalId: z.uuid(),
          shelterId: z.string(),
          terminalSecret: z
            .string()
            .describe(
              'Shown once; the terminal sends `Authorization: Terminal <terminalId>.<terminalSecret>`',
            ),
        })
        .openapi('EnrolledShelterTerminal'),
      'Enrolled',
    ),
  },
  errors: [404],
});

const listRoute = guardedRoute(admins, {
  method: 'get',
  path: '/shelter-terminals',
  tags: ['shelter check-in'],
  responses: {
    200: jsonResponse(z.object({ terminals: z.array(terminalSchema) }), 'All terminals'),
  },
});

const revokeRoute = guardedRoute(admins, {
  method: 'post',
  path: '/shelter-terminals/{terminalId}/revoke',
  tags: ['shelter check-in'],
  request: { params: z.object({ terminalId: z.uuid() }) },
  responses: {
    200: jsonResponse(z.object({ revokedAt: z.iso.datetime() }), 'Revoked'),
  },
  errors: [404],
});

const meRoute = guardedRoute(terminals, {
  method: 'get',
  path: '/shelter-terminals/me',
  tags: ['shelter check-in'],
  summary: 'The calling terminal: its shelter and how far its journal has arrived',
  responses: {
    200: jsonResponse(terminalSchema, 'The terminal'),
  },
});

const eventsRoute = guardedRoute(terminals, {
  method: 'post',
  path: '/shelter-terminals/me/events',
  tags: ['shelter check-in'],
  summary: 'Send journal events in order; idempotent by event id',
  middleware: [allowBodyUpTo(maxBatchBytes)],
  request: { body: jsonBody(eventBatchSchema) },
  responses: {
    200: jsonResponse(eventReceiptSchema, 'Stored (or stored already)'),
  },
  errors: [409],
});

const occupancyRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/occupancy',
  tags: ['shelter check-in'],
  summary: 'People and households at each shelter, from the check-in events',
  responses: {
    200: jsonResponse(
      z.object({
        shelters: z.array(
          z
            .object({
              shelterId: z.string(),
              name: z.string(),
              localGovernmentCode: z.string(),
              people: z.number().int(),
              households: z.number().int(),
              flagged: z.number().int(),
              unresolved: z.number().int(),
            })
            .openapi('ShelterOccupancy'),
        ),
      }),
      'Occupied shelters (municipality staff: their own municipality)',
    ),
  },
});

export function checkinRoutes(deps: CheckinRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(enrolRoute, async (c) => {
      const enrolled = await enrolTerminal(db, {
        shelterId: c.req.valid('param').shelterId,
        label: c.req.valid('json').label,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(
        { terminalId: enrolled.terminalId, shelterId: enrolled.shelterId, terminalSecret: enrolled.secret },
        201,
      );
    })
    .openapi(listRoute, async (c) => {
      const list = await listTerminals(db);
      return c.json(
        {
          terminals: list.map((t) => ({
            ...t,
            enrolledAt: t.enrolledAt.toISOString(),
            revokedAt: t.revokedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    })
    .openapi(revokeRoute, async (c) => {
      const { revokedAt } = await revokeTerminal(db, {
        terminalId: c.req.valid('param').terminalId,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ revokedAt: revokedAt.toISOString() }, 200);
    })
    .openapi(meRoute, async (c) => {
      const { terminalId } = terminals.principal(c).terminal;
      const me = (await listTerminals(db, { terminalId }))[0];
      if (me === undefined) throw new Error('an authenticated terminal has no row');
      return c.json(
        { ...me, enrolledAt: me.enrolledAt.toISOString(), revokedAt: me.revokedAt?.toISOString() ?? null },
        200,
      );
    })
    .openapi(eventsRoute, async (c) => {
      const receipt = await ingestEvents(db, {
        terminal: terminals.principal(c).terminal,
        events: c.req.valid('json').events,
        cipher,
        now: clock(),
        ...(deps.cardRevocation ? { revocation: deps.cardRevocation } : {}),
      });
      return c.json(receipt, 200);
    })
    .openapi(occupancyRoute, async (c) => {
      const reader = await shelterReaderOf(db, staff.principal(c));
      const shelters = await shelterOccupancy(db, {
        localGovernmentCode: reader.municipality,
        shelterId: reader.shelterId ?? null,
      });
      return c.json({ shelters }, 200);
    });
}
