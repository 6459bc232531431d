// Wire contract of the area names the dashboard reads (GET /ops/areas): a municipality's name and its named
// 町字, with the 12-digit code alerts use (L-Alert's ooAzaTyouTyouMokuCode: the municipality's code without its
// check digit, then the 町字ID).
import { z } from '@hono/zod-openapi';

export const municipalityAreasSchema = z
  .object({
    localGovernmentCode: z.string(),
    /** null where none is known. */
    name: z.string().nullable(),
    /** Its named 町字, in code order. */
    machiaza: z.array(
      z.object({ machiazaId: z.string(), code: z.string().regex(/^\d{12}$/), name: z.string() }),
    ),
  })
  .openapi('MunicipalityAreas');
export type MunicipalityAreas = z.infer<typeof municipalityAreasSchema>;
