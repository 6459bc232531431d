// API clients through the HTTP API: created by an admin, authenticated with HTTP Basic, revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, loginAsAdmin, type TestApp } from '../http/testing/test-app.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAsAdmin(t);
});
afterAll(() => t.close());

const basic = (clientId: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
});

describe('API clients', () => {
  it('authenticate with their id and the secret shown once, until revoked', async () => {
    const created = await call(t, 'POST', '/api/v1/api-clients', {
      headers: admin,
      body: { name: 'Pension body', role: 'insurer' },
    });
    expect(created.status).toBe(201);
    const { client, clientSecret } = (await created.json()) as {
      client: { clientId: string };
      clientSecret: string;
    };
    const self = await call(t, 'GET', '/api/v1/api-clients/self', {
      headers: basic(client.clientId, clientSecret),
    });
    expect(self.status).toBe(200);
    expect(await self.json()).toEqual({ clientId: client.clientId, role: 'insurer' });

    const wrong = await call(t, 'GET', '/api/v1/api-clients/self', {
      headers: basic(client.clientId, `${clientSecret}x`),
    });
    expect(wrong.status).toBe(401);

    const listed = (await (await call(t, 'GET', '/api/v1/api-clients', { headers: admin })).json()) as {
      clients: object[];
    };
    expect(JSON.stringify(listed)).not.toContain(clientSecret);

    expect(
      (await call(t, 'POST', `/api/v1/api-clients/${client.clientId}/revoke`, { headers: admin })).status,
    ).toBe(200);
    const revoked = await call(t, 'GET', '/api/v1/api-clients/self', {
      headers: basic(client.clientId, clientSecret),
    });
    expect(revoked.status).toBe(401);
  });

  it('may not use operator routes', async () => {
    const created = await call(t, 'POST', '/api/v1/api-clients', {
      headers: admin,
      body: { name: 'City alerts', role: 'alert-publisher' },
    });
    const { client, clientSecret } = (await created.json()) as {
      client: { clientId: string };
      clientSecret: string;
    };
    const response = await call(t, 'GET', '/api/v1/devices', {
      headers: basic(client.clientId, clientSecret),
    });
    expect(response.status).toBe(403);
  });
});
