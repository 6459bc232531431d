// Liveness for load balancers and the start script: public, answers 200 when the database answers.
import { createRoute, z } from '@hono/zod-openapi';
import type { Queryable } from '../db/index.ts';
import { errorResponses, jsonResponse } from './openapi-parts.ts';
import { createRouter } from './router.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok') }), 'Serving'), ...errorResponses(503) },
});

export function healthRoutes(deps: { db: Queryable }) {
  return createRouter().openapi(healthRoute, async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ status: 'ok' as const }, 200);
  });
}
