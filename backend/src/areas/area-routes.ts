// HTTP route of the area names: the dashboard's compose form lists a municipality's 町字 by name (operator
// admins any municipality, municipality staff their own). Thin: check the reader, call one read.
import { z } from '@hono/zod-openapi';
import type { Database } from '../db/index.ts';
import {
  actingMunicipality,
  createRouter,
  guardedRoute,
  jsonResponse,
  localGovernmentCodeQuery,
  roleGuard,
} from '../http/index.ts';
import { municipalityAreas } from './area-names.ts';
import { municipalityAreasSchema } from './contracts.ts';

const staff = roleGuard('operator-admin', 'municipality-staff');

const areasRoute = guardedRoute(staff, {
  method: 'get',
  path: '/ops/areas',
  tags: ['alerts'],
  summary: "A municipality's name and its named 町字 (municipality staff: their own, the default)",
  request: { query: z.strictObject({ localGovernmentCode: localGovernmentCodeQuery }) },
  responses: { 200: jsonResponse(municipalityAreasSchema, 'The names') },
});

export function areaRoutes(deps: { db: Database }) {
  return createRouter().openapi(areasRoute, async (c) => {
    const code = actingMunicipality(staff.principal(c), c.req.valid('query').localGovernmentCode);
    return c.json(await municipalityAreas(deps.db, code), 200);
  });
}
