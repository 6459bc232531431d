// HTTP routes managing API clients (admins) and letting a client check its own credentials.
import { z } from '@hono/zod-openapi';
import type { Database } from '../db/index.ts';
import {
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import { type ApiClient, createApiClient, listApiClients, revokeApiClient } from './api-clients.ts';
import { clientRoles } from './roles.ts';

export interface ApiClientRouteDeps {
  db: Database;
  clock: () => Date;
}

const clientSchema = z
  .object({
    clientId: z.uuid(),
    name: z.string(),
    role: z.enum(clientRoles),
    alertSenders: z.array(z.string()).describe('The CAP senders an alert publisher may publish for'),
    localGovernmentCode: z.string().nullable().describe('The municipality a municipality client acts for'),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiClient');

const toJson = (client: ApiClient) => ({
  ...client,
  createdAt: client.createdAt.toISOString(),
  revokedAt: client.revokedAt?.toISOString() ?? null,
});

const clientName = z.string().trim().min(1).max(100);
// CAP 1.2 §3.2.1: a sender has no whitespace, comma, < or & (JMA's is jma:<office>, L-Alert's its senderID).
const capSender = z
  .string()
  .regex(/^[^\s,<&]{1,255}$/, { error: 'a CAP sender: 1 to 255 characters, no whitespace, comma, < or &' });

const newClientSchema = z
  .discriminatedUnion('role', [
    z.strictObject({ name: clientName, role: z.literal('insurer') }),
    z.strictObject({
      name: clientName,
      role: z.literal('alert-publisher'),
      alertSenders: z
        .array(capSender)
        .min(1)
        .max(100)
        .describe('The CAP senders it may publish for; a message of any other sender is refused'),
    }),
    z.strictObject({
      name: clientName,
      role: z.literal('municipality'),
      localGovernmentCode: z
        .string()
        .regex(/^[0-9]{6}$/)
        .describe('全国地方公共団体コード (6 digits) of the municipality it sends for'),
    }),
  ])
  .openapi('NewApiClient');

const admins = roleGuard('operator-admin');
const clients = roleGuard(...clientRoles);

const listRoute = guardedRoute(admins, {
  method: 'get',
  path: '/api-clients',
  tags: ['api-clients'],
  responses: { 200: jsonResponse(z.object({ clients: z.array(clientSchema) }), 'All API clients') },
});

const createClientRoute = guardedRoute(admins, {
  method: 'post',
  path: '/api-clients',
  tags: ['api-clients'],
  request: {
    body: jsonBody(newClientSchema),
  },
  responses: {
    201: jsonResponse(
      z.object({
        client: clientSchema,
        clientSecret: z.string().describe('Shown once; only its hash is stored'),
      }),
      'Created',
    ),
  },
});

const revokeRoute = guardedRoute(admins, {
  method: 'post',
  path: '/api-clients/{clientId}/revoke',
  tags: ['api-clients'],
  request: { params: z.object({ clientId: z.uuid() }) },
  responses: { 200: jsonResponse(clientSchema, 'Revoked') },
  errors: [404],
});

const selfRoute = guardedRoute(clients, {
  method: 'get',
  path: '/api-clients/self',
  tags: ['api-clients'],
  responses: {
    200: jsonResponse(z.object({ clientId: z.uuid(), role: z.enum(clientRoles) }), 'The calling client'),
  },
});

export function apiClientRoutes(deps: ApiClientRouteDeps) {
  const { db, clock } = deps;
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ clients: (await listApiClients(db)).map(toJson) }, 200))
    .openapi(createClientRoute, async (c) => {
      const { client, secret } = await createApiClient(db, {
        ...c.req.valid('json'),
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ client: toJson(client), clientSecret: secret }, 201);
    })
    .openapi(revokeRoute, async (c) => {
      const client = await revokeApiClient(db, {
        clientId: c.req.valid('param').clientId,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(toJson(client), 200);
    })
    .openapi(selfRoute, async (c) => {
      const { clientId, role } = clients.principal(c);
      return c.json({ clientId, role }, 200);
    });
}
