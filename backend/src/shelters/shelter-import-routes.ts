// HTTP route of the shelter import: a municipality's published file (国土地理院 GeoJSON, or a 自治体標準オープン
// データセット CSV in UTF-8 or Shift_JIS) into the shelters table that alerts assign from. Operator admins for any
// municipality, municipality staff for their own. Thin: read the bytes, call the library's importer, store.
import { z } from '@hono/zod-openapi';
import { importShelterFile, ShelterError } from '@myna-tv/disaster';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/index.ts';
import {
  actingMunicipality,
  allowBodyUpTo,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonResponse,
  localGovernmentCodeQuery,
  roleGuard,
} from '../http/index.ts';
import { shelterImportAnswerSchema } from './contracts.ts';
import { storeShelters } from './store-shelters.ts';

const importers = roleGuard('operator-admin', 'municipality-staff');

/** A city's 国土地理院 GeoJSON is a few hundred kilobytes (a prefecture's, a few megabytes: its other
 * municipalities' sites are row problems). */
const maxFileBytes = 16 * 1024 * 1024;

const fileBody = {
  content: Object.fromEntries(
    ['application/octet-stream', 'text/csv', 'application/geo+json', 'application/json'].map((type) => [
      type,
      { schema: { type: 'string' as const, format: 'binary', description: 'The file as published' } },
    ]),
  ),
  required: true,
};

const importRoute = guardedRoute(importers, {
  method: 'post',
  path: '/ops/shelters/import',
  tags: ['shelters'],
  summary: "Import a municipality's shelter file; rows that cannot be read are listed and left out",
  middleware: [allowBodyUpTo(maxFileBytes)],
  request: {
    query: z.strictObject({
      localGovernmentCode: localGovernmentCodeQuery,
      /** Who published the file, credited wherever the data is shown. Default: by the format. */
      publisher: z.string().min(1).max(100).optional(),
    }),
    body: fileBody,
  },
  responses: { 200: jsonResponse(shelterImportAnswerSchema, 'Imported') },
  errors: [413, 422],
});

export function shelterImportRoutes(deps: { db: Database; clock: () => Date }) {
  return createRouter().openapi(importRoute, async (c) => {
    const principal = importers.principal(c);
    const { localGovernmentCode, publisher } = c.req.valid('query');
    const code = actingMunicipality(principal, localGovernmentCode);
    const read = importShelterFile(new Uint8Array(await c.req.arrayBuffer()), { municipality: code });
    if (read.sites.length === 0) {
      const first = read.problems[0];
      throw new ShelterError(
        'shelter.file-invalid',
        `no site could be read${first ? ` (row ${first.row}: ${first.reason})` : ''}`,
      );
    }
    const now = deps.clock();
    const imported = await storeShelters(deps.db, {
      localGovernmentCode: code,
      publisher: publisher ?? (read.format === 'gsi-geojson' ? '国土地理院' : `地方公共団体 ${code}`),
      sites: read.sites,
      now,
    });
    await recordAudit(deps.db, {
      actor: auditActorOf(principal, c.get('requestId')),
      action: 'shelter.import',
      target: { type: 'municipality', id: code },
      at: now,
    });
    return c.json({ format: read.format, encoding: read.encoding, imported, problems: read.problems }, 200);
  });
}
