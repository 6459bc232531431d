// GET /watch-over/schedule, POST /watch-over/keys and POST /watch-over/answer: the TV app's side of watch-over.
// The TV app reports how many keys its own keyboard input had (a count, no keys; the HID remote's keys are
// counted here directly) and that the viewer answered お変わりありませんか; it asks when the schedule says.
import { Hono } from 'hono';
import { z } from 'zod';
import type { WatchOverKeysRequest, WatchOverScheduleResponse } from '../local-api/contracts.ts';
import { readJsonBody } from '../local-api/request-body.ts';
import type { ActivityLedger } from './activity-ledger.ts';
import type { ActivitySender } from './activity-sender.ts';

/** The TV app reports at most every few seconds; more keys than this in one report is not a viewer. */
const maxKeysPerReport = 1000;

const keysSchema = z.strictObject({ presses: z.number().int().min(1).max(maxKeysPerReport) });

export interface WatchOverRouteDeps {
  ledger: ActivityLedger;
  sender: Pick<ActivitySender, 'schedule' | 'trigger'>;
}

export function watchOverRoutes(deps: WatchOverRouteDeps) {
  const { ledger, sender } = deps;
  return new Hono()
    .get('/watch-over/schedule', (c) => c.json<WatchOverScheduleResponse>(sender.schedule))
    .post('/watch-over/keys', async (c) => {
      const { presses } = (await readJsonBody(c, keysSchema)) satisfies WatchOverKeysRequest;
      ledger.count('press', presses);
      return c.body(null, 204);
    })
    .post('/watch-over/answer', (c) => {
      ledger.count('answer');
      // An answer is news worth sending now: it ends a quiet period the municipality may be looking at.
      void sender.trigger();
      return c.body(null, 204);
    });
}
