// HTTP route of the area names: the dashboard's compose form lists a municipality's 町字 by name (operator
// admins any municipality, municipality staff their own). Thin: check the reader, call one read.
import { z } from '@hono/zod-openapi';
import { AuthError } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { createRouter, guardedRoute, jsonResponse, RequestError, roleGuard } from '../http/index.ts';
import { municipalityAreas } from './area-names.ts';
import { municipalityAreasSchema } from './contracts.ts';

const staff = roleGuard('operator-admin', 'municipality-staff');

const areasRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/areas',
  tags: ['alerts'],
  summary: "A municipality's name and its named 町字 (municipality staff: their own, the default)",
  request: {
    query: z.strictObject({
      localGovernmentCode: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    }),
  },
  responses: { 200: jsonResponse(municipalityAreasSchema, 'The names') },
});

export function areaRoutes(deps: { db: Database }) {
  return createRouter().openapi(areasRoute, async (c) => {
    const principal = staff.principal(c);
    const asked = c.req.valid('query').localGovernmentCode;
    if (principal.role === 'operator-admin') {
      if (asked === undefined)
        throw new RequestError('request.invalid', 'name a municipality (localGovernmentCode)');
      return c.json(await municipalityAreas(deps.db, asked), 200);
    }
    const own = principal.localGovernmentCode;
    if (own === null || (asked !== undefined && asked !== own)) {
      throw new AuthError('auth.forbidden', 'municipality staff read their own municipality only');
    }
    return c.json(await municipalityAreas(deps.db, own), 200);
  });
}
