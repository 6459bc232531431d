// HTTP routes for shelter staff: an operator admin assigns a shelter-staff account to its shelter, and staff
// search the residents to match an unresolved person to (then POST /shelters/person-matches).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  type AppEnv,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import { ageGroups } from './contracts.ts';
import { searchResidents } from './resident-search.ts';
import { shelterReaderOf } from './shelter-scope.ts';
import { assignShelterStaff } from './shelter-staff.ts';
import type { ShelterViewRouteDeps } from './shelter-view-routes.ts';

const admins = roleGuard('operator-admin');
const staff = roleGuard('operator-admin', 'municipality-staff', 'shelter-staff');
const tags = ['shelter views'];

const assignRoute = guardedRoute(admins, {
  method: 'put',
  path: '/shelters/{shelterId}/staff/{accountId}',
  tags,
  summary:
    'Assign a shelter-staff account to a shelter: it then sees and acts for that shelter only (audited)',
  request: { params: z.object({ shelterId: z.string().regex(/^E[0-9]{13}$/), accountId: z.uuid() }) },
  responses: {
    200: jsonResponse(
      z.object({ accountId: z.uuid(), shelterId: z.string(), localGovernmentCode: z.string() }),
      'Assigned',
    ),
  },
  errors: [404],
});

const searchRoute = guardedRoute(staff, {
  method: 'get',
  path: '/shelters/resident-search',
  tags,
  summary: 'Residents by part of the name and age group, to match an unresolved person to (audited)',
  request: {
    query: z
      .object({
        name: z.string().trim().min(1).max(50).optional(),
        ageGroup: z.enum(ageGroups).optional(),
        limit: z.coerce.number().int().min(1).max(50).default(20),
      })
      .refine((q) => q.name !== undefined || q.ageGroup !== undefined, {
        message: 'give a name, an age group or both',
      }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        residents: z.array(
          z.object({
            residentId: z.uuid(),
            name: z.string(),
            dateOfBirth: z.string(),
            ageGroup: z.enum(ageGroups),
            address: z.string(),
            householdId: z.uuid().nullable(),
          }),
        ),
      }),
      'Candidates (at most `limit`)',
    ),
  },
});

export function shelterStaffRoutes(deps: ShelterViewRouteDeps) {
  const { db, cipher, clock } = deps;
  const actorOf = (c: Context<AppEnv>) => auditActorOf(staff.principal(c), c.get('requestId'));
  return createRouter()
    .openapi(assignRoute, async (c) => {
      const { shelterId, accountId } = c.req.valid('param');
      const assigned = await assignShelterStaff(db, {
        accountId,
        shelterId,
        actor: actorOf(c),
        now: clock(),
      });
      return c.json({ accountId, ...assigned }, 200);
    })
    .openapi(searchRoute, async (c) => {
      const { name, ageGroup, limit } = c.req.valid('query');
      const residents = await searchResidents(db, {
        ...(await shelterReaderOf(db, staff.principal(c))),
        ...(name !== undefined ? { name } : {}),
        ...(ageGroup !== undefined ? { ageGroup } : {}),
        limit,
        cipher,
        actor: actorOf(c),
        now: clock(),
      });
      return c.json({ residents }, 200);
    });
}
