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

  it('bind an alert publisher to the CAP senders it names (at least one), and nobody else', async () => {
    const create = (body: object) => call(t, 'POST', '/api/v1/api-clients', { headers: admin, body });
    const refusals: [object, number, string][] = [
      [{ name: 'No senders', role: 'alert-publisher' }, 400, 'request.invalid'],
      [{ name: 'Empty', role: 'alert-publisher', alertSenders: [] }, 400, 'request.invalid'],
      [
        { name: 'Spaces', role: 'alert-publisher', alertSenders: ['a b@town.example.jp'] },
        400,
        'request.invalid',
      ],
      [{ name: 'Comma', role: 'alert-publisher', alertSenders: ['a,b'] }, 400, 'request.invalid'],
      [{ name: 'Insurer', role: 'insurer', alertSenders: ['x@example.jp'] }, 400, 'request.unknown-field'],
    ];
    for (const [body, status, code] of refusals) {
      const response = await create(body);
      const answer = (await response.json()) as { error: { code: string } };
      expect({ body, status: response.status, code: answer.error.code }).toEqual({ body, status, code });
    }
    const senders = ['jma:徳島地方気象台', 'bousai@town.minami.example.jp', 'bousai@town.minami.example.jp'];
    const created = await create({
      name: 'Prefecture alerts',
      role: 'alert-publisher',
      alertSenders: senders,
    });
    expect(created.status).toBe(201);
    const { client } = (await created.json()) as { client: { clientId: string; alertSenders: string[] } };
    expect(client.alertSenders).toEqual(['bousai@town.minami.example.jp', 'jma:徳島地方気象台']);
    const listed = (await (await call(t, 'GET', '/api/v1/api-clients', { headers: admin })).json()) as {
      clients: { clientId: string; role: string; alertSenders: string[] }[];
    };
    expect(listed.clients.find((c) => c.clientId === client.clientId)?.alertSenders).toEqual(
      client.alertSenders,
    );
    for (const other of listed.clients.filter((c) => c.role !== 'alert-publisher')) {
      expect(other.alertSenders).toEqual([]);
    }
  });

  it('may not use operator routes', async () => {
    const created = await call(t, 'POST', '/api/v1/api-clients', {
      headers: admin,
      body: { name: 'City alerts', role: 'alert-publisher', alertSenders: ['city@example.jp'] },
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
