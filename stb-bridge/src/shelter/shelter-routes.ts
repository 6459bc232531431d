// The local API's shelter-mode routes for the staff page: GET /shelter/status (online/offline, events
// waiting, the CRL's age) and POST /shelter/tap (read the card on the reader and check the holder in). Thin:
// each is one call into the ShelterDesk. The tap body may hold a PIN: read, passed on, never logged or kept.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ShelterStatusResponse, ShelterTapRequest, ShelterTapResponse } from '../local-api/contracts.ts';
import { readJsonBody } from '../local-api/request-body.ts';
import type { ShelterDesk } from './shelter-desk.ts';

const tapSchema: z.ZodType<ShelterTapRequest> = z.strictObject({
  groupId: z.uuid().nullable(),
  // Loose bound only: the format rules live in jpki/pin-format.ts and answer `card.pin-format`.
  pin: z.string().max(16).optional(),
});

export function shelterRoutes(deps: { shelter: ShelterDesk }) {
  const { shelter } = deps;
  return new Hono()
    .get('/shelter/status', (c) => c.json<ShelterStatusResponse>(shelter.status))
    .post('/shelter/tap', async (c) => {
      const request = await readJsonBody(c, tapSchema);
      const { event, check } = await shelter.tap(request);
      return c.json<ShelterTapResponse>(
        {
          event,
          check: {
            result: check.result,
            crlAgeSeconds: check.crlAgeSeconds,
            notAfter: check.notAfter.toISOString(),
          },
          waiting: shelter.status.waiting,
        },
        201,
      );
    });
}
