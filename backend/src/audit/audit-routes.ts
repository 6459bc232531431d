// Reading the audit log: operator admins only, and the reading itself is audited.
import { z } from '@hono/zod-openapi';
import type { Database } from '../db/index.ts';
import { auditActorOf, createRouter, guardedRoute, jsonResponse, roleGuard } from '../http/index.ts';
import { readAuditLog } from './audit-log.ts';

export interface AuditRouteDeps {
  db: Database;
  clock: () => Date;
}

const admins = roleGuard('operator-admin');

const entrySchema = z
  .object({
    entryId: z.string(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.string(), role: z.string(), requestId: z.string().nullable() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
  })
  .openapi('AuditEntry');

const listRoute = guardedRoute(admins, {
  method: 'get',
  path: '/audit-log',
  tags: ['audit'],
  summary: 'Audit entries, newest first',
  request: {
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional(),
      targetType: z.string().max(50).optional(),
      targetId: z.string().max(100).optional(),
    }),
  },
  responses: { 200: jsonResponse(z.object({ entries: z.array(entrySchema) }), 'Entries') },
});

export function auditRoutes(deps: AuditRouteDeps) {
  return createRouter().openapi(listRoute, async (c) => {
    const entries = await readAuditLog(deps.db, {
      ...c.req.valid('query'),
      actor: auditActorOf(admins.principal(c), c.get('requestId')),
      now: deps.clock(),
    });
    return c.json({ entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) }, 200);
  });
}
