import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  loginAsAdmin,
  loginAsOperator,
  type TestApp,
} from '../http/testing/test-app.ts';
import { storeAreaNames } from './area-names.ts';

describe('GET /api/v1/ops/areas', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let town: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    town = await loginAsOperator(t, admin, {
      loginName: 'town-staff',
      role: 'municipality-staff',
      localGovernmentCode: '363871',
    });
    await storeAreaNames(
      t.db,
      [
        { localGovernmentCode: '363871', machiazaId: null, name: '美波町' },
        { localGovernmentCode: '363871', machiazaId: '0002000', name: '日和佐浦' },
        { localGovernmentCode: '363871', machiazaId: '0001000', name: '奥河内' },
        { localGovernmentCode: '131016', machiazaId: null, name: '千代田区' },
      ],
      t.clock(),
    );
  });
  afterAll(() => t.close());

  const areas = async (headers: Record<string, string>, query = '') => {
    const response = await call(t, 'GET', `/api/v1/ops/areas${query}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("gives the staff's own municipality and its 町字 by name, with the 12-digit codes alerts use", async () => {
    const own = {
      localGovernmentCode: '363871',
      name: '美波町',
      machiaza: [
        { machiazaId: '0001000', code: '363870001000', name: '奥河内' },
        { machiazaId: '0002000', code: '363870002000', name: '日和佐浦' },
      ],
    };
    expect(await areas(town)).toEqual({ status: 200, body: own });
    expect(await areas(town, '?localGovernmentCode=363871')).toEqual({ status: 200, body: own });
    expect(await areas(admin, '?localGovernmentCode=131016')).toEqual({
      status: 200,
      body: { localGovernmentCode: '131016', name: '千代田区', machiaza: [] },
    });
  });

  it('refuses another municipality to staff, and asks an admin which one', async () => {
    expect((await areas(town, '?localGovernmentCode=131016')).status).toBe(403);
    expect((await areas(admin)).status).toBe(400);
    expect((await areas(admin, '?localGovernmentCode=36387')).status).toBe(400);
    expect((await call(t, 'GET', '/api/v1/ops/areas', {})).status).toBe(401);
  });
});
