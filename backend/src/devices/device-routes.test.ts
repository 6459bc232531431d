// STB enrolment, authentication and revocation through the HTTP API and authenticateDevice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type EnrolledBox,
  enrolBox,
  loginAsAdmin,
  sampleHousehold,
  type TestApp,
} from '../http/testing/test-app.ts';
import { DeviceError } from './device-error.ts';
import { authenticateDevice } from './device-identity.ts';

let t: TestApp;
let admin: Record<string, string>;
let box: EnrolledBox;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAsAdmin(t);
  box = await enrolBox(t, admin);
});
afterAll(() => t.close());

const secretOf = (b: EnrolledBox) => (b.headers.authorization ?? '').split('.').slice(1).join('.');

describe('device enrolment', () => {
  it('gives the box an identity with its household and area codes', async () => {
    const response = await call(t, 'GET', '/api/v1/device/identity', { headers: box.headers });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      deviceId: box.deviceId,
      householdId: box.householdId,
      areaCodes: ['363871', '363870001001'],
    });
    expect(await authenticateDevice(t.db, { deviceId: box.deviceId, secret: secretOf(box) })).toMatchObject({
      deviceId: box.deviceId,
    });
  });

  it('stores only a hash of the secret and the household sealed', async () => {
    const [device] = await t.db.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM devices WHERE id = $1',
      [box.deviceId],
    );
    expect(device?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(device?.secret_hash).not.toContain(secretOf(box));
    const [household] = await t.db.query('SELECT * FROM households WHERE id = $1', [box.householdId]);
    const stored = JSON.stringify(household);
    expect(stored).not.toContain('美波町');
    expect(stored).not.toContain('たなか');
  });

  it('reads the household back for an admin, and audits the read', async () => {
    const response = await call(t, 'GET', `/api/v1/devices/${box.deviceId}`, { headers: admin });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { household: unknown }).household).toEqual(sampleHousehold);
    const [entry] = await t.db.query<{ action: string; actor_role: string }>(
      "SELECT action, actor_role FROM audit_log WHERE action = 'household.read' AND target_id = $1",
      [box.householdId],
    );
    expect(entry).toEqual({ action: 'household.read', actor_role: 'operator-admin' });
  });

  it('refuses a bad household: check digit, unknown fields', async () => {
    const badCode = await call(t, 'POST', '/api/v1/devices', {
      headers: admin,
      body: { label: 'x', household: { ...sampleHousehold, localGovernmentCode: '363872' } },
    });
    expect(badCode.status).toBe(400);
    const extra = await call(t, 'POST', '/api/v1/devices', {
      headers: admin,
      body: { label: 'x', household: { ...sampleHousehold, myNumber: '123456789012' } },
    });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { code: string } }).error.code).toBe('request.unknown-field');
  });

  it('enrols a replacement box into the same household', async () => {
    const response = await call(t, 'POST', `/api/v1/households/${box.householdId}/devices`, {
      headers: admin,
      body: { label: 'spare' },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { householdId: string }).householdId).toBe(box.householdId);
  });

  it('authenticateDevice refuses an unknown id or a wrong secret alike', async () => {
    for (const credential of [
      { deviceId: box.deviceId, secret: 'wrong' },
      { deviceId: '00000000-0000-4000-8000-000000000000', secret: secretOf(box) },
      { deviceId: 'not-a-uuid', secret: secretOf(box) },
    ]) {
      await expect(authenticateDevice(t.db, credential)).rejects.toMatchObject({
        code: 'device.invalid-credentials',
      });
    }
  });
});

describe('device revocation', () => {
  it('stops the credential and disconnects the box', async () => {
    const victim = await enrolBox(t, admin);
    const response = await call(t, 'POST', `/api/v1/devices/${victim.deviceId}/revoke`, { headers: admin });
    expect(response.status).toBe(200);
    expect(t.disconnected).toContain(victim.deviceId);
    const after = await call(t, 'GET', '/api/v1/device/identity', { headers: victim.headers });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('device.revoked');
    await expect(
      authenticateDevice(t.db, { deviceId: victim.deviceId, secret: secretOf(victim) }),
    ).rejects.toBeInstanceOf(DeviceError);
  });

  it('answers 404 for an unknown device', async () => {
    const response = await call(t, 'POST', '/api/v1/devices/00000000-0000-4000-8000-000000000000/revoke', {
      headers: admin,
    });
    expect(response.status).toBe(404);
  });

  it('is only for admins; a box may not enrol boxes', async () => {
    const response = await call(t, 'POST', '/api/v1/devices', {
      headers: box.headers,
      body: { label: 'x', household: sampleHousehold },
    });
    expect(response.status).toBe(403);
  });
});
