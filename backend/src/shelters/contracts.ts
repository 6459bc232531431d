// Wire contract of the shelter file import (POST /ops/shelters/import): what was read and what was left out.
import { z } from '@hono/zod-openapi';
import { shelterImportProblemCodes } from '@myna-tv/disaster';

export const shelterImportAnswerSchema = z
  .object({
    format: z.enum(['gsi-geojson', 'open-data-csv']),
    encoding: z.enum(['utf-8', 'shift_jis']),
    /** Sites stored (new or updated). */
    imported: z.number().int(),
    /** Rows left out, each with why (`code`; `reason` in English): the rest is imported. */
    problems: z.array(
      z.object({
        row: z.number().int(),
        id: z.string().nullable(),
        code: z.enum(shelterImportProblemCodes),
        reason: z.string(),
        /** field-invalid: the field of the shelter registry, e.g. `name`. */
        field: z.string().optional(),
      }),
    ),
  })
  .openapi('ShelterImportAnswer');
export type ShelterImportAnswer = z.infer<typeof shelterImportAnswerSchema>;
