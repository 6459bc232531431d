// HTTP routes of STB enrolment (operator admins) and of a box asking who it is.
import { z } from '@hono/zod-openapi';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import { enrolDevice } from './device-enrolment.ts';
import { type DeviceSummary, getDeviceDetails, listDevices } from './device-records.ts';
import { type DeviceDisconnector, revokeDevice } from './device-revocation.ts';
import { householdSchema } from './household-schema.ts';

export interface DeviceRouteDeps {
  db: Database;
  cipher: FieldCipher;
  push: DeviceDisconnector;
  clock: () => Date;
}

const label = z.string().trim().min(1).max(100);

const enrolledSchema = z
  .object({
    deviceId: z.uuid(),
    householdId: z.uuid(),
    deviceSecret: z
      .string()
      .describe('Shown once; the box sends `Authorization: Device <deviceId>.<deviceSecret>`'),
  })
  .openapi('EnrolledDevice');

const summarySchema = z
  .object({
    deviceId: z.uuid(),
    householdId: z.uuid(),
    label: z.string(),
    localGovernmentCode: z.string(),
    enrolledAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('DeviceSummary');

const toJson = (d: DeviceSummary) => ({
  deviceId: d.deviceId,
  householdId: d.householdId,
  label: d.label,
  localGovernmentCode: d.localGovernmentCode,
  enrolledAt: d.enrolledAt.toISOString(),
  revokedAt: d.revokedAt?.toISOString() ?? null,
});

const admins = roleGuard('operator-admin');
const boxes = roleGuard('device', 'resident');
const deviceParam = z.object({ deviceId: z.uuid() });

const enrolRoute = guardedRoute(admins, {
  method: 'post',
  path: '/devices',
  tags: ['devices'],
  summary: 'Enrol a set-top box with a new household',
  request: { body: jsonBody(z.strictObject({ label, household: householdSchema })) },
  responses: { 201: jsonResponse(enrolledSchema, 'Enrolled') },
});

const enrolForHouseholdRoute = guardedRoute(admins, {
  method: 'post',
  path: '/households/{householdId}/devices',
  tags: ['devices'],
  summary: 'Enrol a further or replacement box for an enrolled household',
  request: { params: z.object({ householdId: z.uuid() }), body: jsonBody(z.strictObject({ label })) },
  responses: { 201: jsonResponse(enrolledSchema, 'Enrolled') },
  errors: [404],
});

const listRoute = guardedRoute(admins, {
  method: 'get',
  path: '/devices',
  tags: ['devices'],
  responses: { 200: jsonResponse(z.object({ devices: z.array(summarySchema) }), 'All boxes') },
});

const detailsRoute = guardedRoute(admins, {
  method: 'get',
  path: '/devices/{deviceId}',
  tags: ['devices'],
  summary: 'One box with its household (personal data: audited)',
  request: { params: deviceParam },
  responses: {
    200: jsonResponse(summarySchema.extend({ household: householdSchema }), 'The box and its household'),
  },
  errors: [404],
});

const revokeRoute = guardedRoute(admins, {
  method: 'post',
  path: '/devices/{deviceId}/revoke',
  tags: ['devices'],
  request: { params: deviceParam },
  responses: { 200: jsonResponse(z.object({ revokedAt: z.iso.datetime() }), 'Revoked and disconnected') },
  errors: [404],
});

const identityRoute = guardedRoute(boxes, {
  method: 'get',
  path: '/device/identity',
  tags: ['devices'],
  summary: 'The calling box: its household and area codes',
  responses: {
    200: jsonResponse(
      z
        .object({ deviceId: z.uuid(), householdId: z.uuid(), areaCodes: z.array(z.string()) })
        .openapi('DeviceIdentity'),
      'The device identity',
    ),
  },
});

export function deviceRoutes(deps: DeviceRouteDeps) {
  const { db, cipher, clock } = deps;
  return createRouter()
    .openapi(enrolRoute, async (c) => {
      const { label: name, household } = c.req.valid('json');
      const enrolled = await enrolDevice(db, {
        cipher,
        household,
        label: name,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(
        { deviceId: enrolled.deviceId, householdId: enrolled.householdId, deviceSecret: enrolled.secret },
        201,
      );
    })
    .openapi(enrolForHouseholdRoute, async (c) => {
      const enrolled = await enrolDevice(db, {
        cipher,
        household: { householdId: c.req.valid('param').householdId },
        label: c.req.valid('json').label,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json(
        { deviceId: enrolled.deviceId, householdId: enrolled.householdId, deviceSecret: enrolled.secret },
        201,
      );
    })
    .openapi(listRoute, async (c) => c.json({ devices: (await listDevices(db)).map(toJson) }, 200))
    .openapi(detailsRoute, async (c) => {
      const details = await getDeviceDetails(db, {
        deviceId: c.req.valid('param').deviceId,
        cipher,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ ...toJson(details), household: details.household }, 200);
    })
    .openapi(revokeRoute, async (c) => {
      const { revokedAt } = await revokeDevice(db, {
        deviceId: c.req.valid('param').deviceId,
        disconnector: deps.push,
        actor: auditActorOf(admins.principal(c), c.get('requestId')),
        now: clock(),
      });
      return c.json({ revokedAt: revokedAt.toISOString() }, 200);
    })
    .openapi(identityRoute, async (c) => c.json(boxes.principal(c).device, 200));
}
