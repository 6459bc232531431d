// Health for load balancers, the start script and operators: public, no personal data. The database is probed
// with a quick query; push and JPKI report what their components last saw (given by the server; absent when
// the app runs without them, as in unit tests). 503 only when this node cannot serve at all (database down);
// a degraded part (Redis down: push reaches only this node's boxes; OCSP failing: CRL fallback) answers 200,
// so that a shared outage does not take every node out of the load balancer.
import { createRoute, z } from '@hono/zod-openapi';
import type { Queryable } from '../db/index.ts';
import type { PushHealth } from '../push/index.ts';
import { jsonResponse } from './openapi-parts.ts';
import { createRouter } from './router.ts';

const jpkiHealthSchema = z.object({
  /** Trust anchors loaded per purpose. */
  anchors: z.object({ sign: z.number().int(), auth: z.number().int() }),
  /** The last OCSP exchange: 'failing' when it gave no usable answer (logins then rely on the CRLs). */
  ocsp: z.object({
    status: z.enum(['ok', 'failing', 'unchecked']),
    lastCheck: z.iso.datetime().nullable(),
  }),
});
export type JpkiHealth = z.infer<typeof jpkiHealthSchema>;

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    database: z.object({ status: z.enum(['ok', 'down']) }),
    push: z
      .object({ adapter: z.enum(['memory', 'redis']), redis: z.enum(['up', 'down']).optional() })
      .optional(),
    jpki: jpkiHealthSchema.optional(),
  })
  .openapi('Health');
export type HealthReport = z.infer<typeof healthSchema>;

/** What the server knows about its parts beyond the database. */
export interface HealthProbes {
  push(): PushHealth;
  jpki(): JpkiHealth;
}

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  responses: {
    200: jsonResponse(healthSchema, 'Serving (status ok, or degraded with the part named)'),
    503: jsonResponse(healthSchema, 'Not serving: the database does not answer'),
  },
});

const probeTimeoutMs = 2000;

export function healthRoutes(deps: { db: Queryable; probes?: HealthProbes }) {
  return createRouter().openapi(healthRoute, async (c) => {
    const database = (await answers(deps.db)) ? 'ok' : 'down';
    const push = deps.probes?.push();
    const jpki = deps.probes?.jpki();
    const degraded =
      push?.adapter === 'redis' && push.redis === 'down' ? true : jpki?.ocsp.status === 'failing';
    const status = database === 'down' ? 'down' : degraded ? 'degraded' : 'ok';
    const report: HealthReport = {
      status,
      database: { status: database },
      ...(push !== undefined ? { push } : {}),
      ...(jpki !== undefined ? { jpki } : {}),
    };
    return status === 'down' ? c.json(report, 503) : c.json(report, 200);
  });
}

/** A trivial query within a bounded time: a hung pool must not hang the health check. */
async function answers(db: Queryable): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), probeTimeoutMs);
  });
  try {
    return await Promise.race([
      db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
