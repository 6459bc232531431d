// Operator accounts through the HTTP API: login, sessions, roles, rate limiting, management.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminLoginName,
  adminPassword,
  call,
  createTestApp,
  loginAsAdmin,
  type TestApp,
} from '../http/testing/test-app.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  // A small per-network limit keeps the number of (deliberately slow) password checks down.
  t = await createTestApp({
    policy: { operatorLoginThrottle: { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerNetwork: 8 } },
  });
  admin = await loginAsAdmin(t);
});
afterAll(() => t.close());

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

async function createAccount(loginName: string, role: string, extra: Record<string, unknown> = {}) {
  const response = await call(t, 'POST', '/api/v1/operator/accounts', {
    headers: admin,
    body: { loginName, displayName: loginName, role, password: 'a long enough password', ...extra },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { accountId: string };
}

async function login(loginName: string, password: string, address = '198.51.100.1') {
  return call(t, 'POST', '/api/v1/operator/login', {
    body: { loginName, password },
    headers: { 'x-test-address': address },
  });
}

describe('operator login', () => {
  it('opens a session that identifies the operator, and logout ends it', async () => {
    const response = await login(adminLoginName.toUpperCase(), adminPassword);
    expect(response.status).toBe(200);
    const { sessionToken, account } = (await response.json()) as {
      sessionToken: string;
      account: { role: string };
    };
    expect(account.role).toBe('operator-admin');
    const headers = { authorization: `Bearer ${sessionToken}` };
    expect((await call(t, 'GET', '/api/v1/operator/me', { headers })).status).toBe(200);
    expect((await call(t, 'POST', '/api/v1/operator/logout', { headers })).status).toBe(204);
    const after = await call(t, 'GET', '/api/v1/operator/me', { headers });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('auth.required');
  });

  it('refuses a wrong password and an unknown login name alike', async () => {
    const wrong = await login(adminLoginName, 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect([await errorCode(wrong), await errorCode(unknown)]).toEqual([
      'auth.invalid-credentials',
      'auth.invalid-credentials',
    ]);
  });

  it('locks a login name after 5 failures with 429 and Retry-After, in every process (counted in the DB)', async () => {
    await createAccount('target-staff', 'shelter-staff');
    for (let i = 0; i < 5; i += 1) {
      expect((await login('target-staff', 'guess number one', `198.51.100.${20 + i}`)).status).toBe(401);
    }
    // A second app on the same database stands for another backend process.
    const other = await createTestApp({ db: t.db });
    const locked = await other.app.request('/api/v1/operator/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName: 'target-staff', password: 'a long enough password' }),
    });
    expect(locked.status).toBe(429);
    expect(await errorCode(locked)).toBe('auth.rate-limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login('target-staff', 'a long enough password')).status).toBe(200);
  });

  it('limits one network across login names', async () => {
    const network = '2001:db8:77:1::';
    let last: Response | undefined;
    for (let i = 0; i <= 8; i += 1) last = await login(`user-${i}`, 'guess number two', `${network}${i + 1}`);
    expect(last?.status).toBe(429);
    expect((await login(adminLoginName, adminPassword, '2001:db8:77:1::ffff')).status).toBe(429);
    expect((await login(adminLoginName, adminPassword, '2001:db8:77:2::1')).status).toBe(200);
  });

  it('ends a session after the idle time with auth.session-expired', async () => {
    const response = await login(adminLoginName, adminPassword);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    const headers = { authorization: `Bearer ${sessionToken}` };
    t.clock.advance(59 * 60_000);
    expect((await call(t, 'GET', '/api/v1/operator/me', { headers })).status).toBe(200);
    t.clock.advance(59 * 60_000);
    expect((await call(t, 'GET', '/api/v1/operator/me', { headers })).status).toBe(200);
    t.clock.advance(61 * 60_000);
    const expired = await call(t, 'GET', '/api/v1/operator/me', { headers });
    expect(expired.status).toBe(401);
    expect(await errorCode(expired)).toBe('auth.session-expired');
    admin = await loginAsAdmin(t);
  });
});

describe('operator accounts', () => {
  it('lets only admins manage accounts (403 auth.forbidden for staff)', async () => {
    await createAccount('city-staff', 'municipality-staff', { localGovernmentCode: '363871' });
    const response = await login('city-staff', 'a long enough password');
    const { sessionToken, account } = (await response.json()) as {
      sessionToken: string;
      account: { localGovernmentCode: string };
    };
    expect(account.localGovernmentCode).toBe('363871');
    const staff = { authorization: `Bearer ${sessionToken}` };
    const forbidden = await call(t, 'GET', '/api/v1/operator/accounts', { headers: staff });
    expect(forbidden.status).toBe(403);
    expect(await errorCode(forbidden)).toBe('auth.forbidden');
    expect((await call(t, 'GET', '/api/v1/operator/me', { headers: staff })).status).toBe(200);
  });

  it('refuses weak passwords and taken login names', async () => {
    const weak = await call(t, 'POST', '/api/v1/operator/accounts', {
      headers: admin,
      body: { loginName: 'weakling', displayName: 'W', role: 'shelter-staff', password: 'short' },
    });
    expect([weak.status, await errorCode(weak)]).toEqual([400, 'account.weak-password']);
    const taken = await call(t, 'POST', '/api/v1/operator/accounts', {
      headers: admin,
      body: {
        loginName: 'ADMIN',
        displayName: 'A',
        role: 'shelter-staff',
        password: 'a long enough password',
      },
    });
    expect([taken.status, await errorCode(taken)]).toEqual([409, 'account.login-name-taken']);
  });

  it('disabling an account ends its sessions and refuses its logins', async () => {
    const { accountId } = await createAccount('leaving-staff', 'shelter-staff');
    const { sessionToken } = (await (await login('leaving-staff', 'a long enough password')).json()) as {
      sessionToken: string;
    };
    const disabled = await call(t, 'POST', `/api/v1/operator/accounts/${accountId}/disable`, {
      headers: admin,
    });
    expect(disabled.status).toBe(200);
    expect(
      (await call(t, 'GET', '/api/v1/operator/me', { headers: { authorization: `Bearer ${sessionToken}` } }))
        .status,
    ).toBe(401);
    expect((await login('leaving-staff', 'a long enough password')).status).toBe(401);
  });

  it('writes account changes and logins to the audit log', async () => {
    const response = await call(t, 'GET', '/api/v1/audit-log?limit=500', { headers: admin });
    const { entries } = (await response.json()) as { entries: { action: string; actor: { role: string } }[] };
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'account.create',
      'account.disable',
      'operator.login',
      'operator.login-refused',
      'operator.logout',
    ]) {
      expect(actions).toContain(action);
    }
    expect(entries[0]?.action).toBe('audit.read');
  });
});
