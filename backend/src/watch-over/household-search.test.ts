// Finding a household to record its consent for, over the real app on PGlite: by part of the address or a
// member's name (width and spaces do not matter), only the searcher's municipality, with the consent state;
// every search and every read of a consent is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type EnrolledBox,
  enrolBox,
  loginAsAdmin,
  loginAsOperator,
  type TestApp,
} from '../http/testing/test-app.ts';
import type { HouseholdMatch } from './contracts.ts';

describe('watch-over household search', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let box: EnrolledBox;
  let minami: Record<string, string>;
  let chiyoda: Record<string, string>;
  let chiyodaHousehold: string;

  const staffOf = (loginName: string, localGovernmentCode: string) =>
    loginAsOperator(t, admin, { loginName, role: 'municipality-staff', localGovernmentCode });

  async function search(headers: Record<string, string>, q: string): Promise<HouseholdMatch[]> {
    const response = await call(t, 'GET', `/api/v1/ops/watch-over/households?q=${encodeURIComponent(q)}`, {
      headers,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { households: HouseholdMatch[] }).households;
  }

  const audited = async (action: string) =>
    (await t.db.query('SELECT 1 FROM audit_log WHERE action = $1', [action])).length;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    box = await enrolBox(t, admin);
    const enrolled = await call(t, 'POST', '/api/v1/devices', {
      headers: admin,
      body: {
        label: 'STB Chiyoda',
        household: {
          address: '東京都千代田区九段南一丁目２番１号 寺前ハイツ',
          latitude: 35.694,
          longitude: 139.7536,
          localGovernmentCode: '131016',
          members: [{ name: 'ちよだ たろう', needsAssistance: false }],
        },
      },
    });
    expect(enrolled.status).toBe(201);
    chiyodaHousehold = ((await enrolled.json()) as { householdId: string }).householdId;
    minami = await staffOf('minami-watch', '363871');
    chiyoda = await staffOf('chiyoda-watch', '131016');
  }, 180_000);
  afterAll(() => t?.close());

  it("finds the town's own households by address or member name, whatever the width and spacing", async () => {
    const byAddress = await search(minami, '奥河内 寺前123');
    expect(byAddress).toEqual([
      {
        householdId: box.householdId,
        address: '徳島県海部郡美波町奥河内字寺前１２３番地',
        members: ['たなか はなこ'],
        consent: 'none',
      },
    ]);
    expect((await search(minami, 'たなか')).map((h) => h.householdId)).toEqual([box.householdId]);
    // 寺前 is in both towns' addresses: each sees only its own.
    expect((await search(minami, '寺前')).map((h) => h.householdId)).toEqual([box.householdId]);
    expect((await search(chiyoda, '寺前')).map((h) => h.householdId)).toEqual([chiyodaHousehold]);
    expect(await search(chiyoda, 'たなか')).toEqual([]);
    expect((await search(admin, '寺前')).length).toBe(2);
    expect(await audited('watch-over.household-search')).toBe(6);
  });

  it('says where the consent stands, and audits reading it', async () => {
    const put = await call(t, 'PUT', `/api/v1/households/${box.householdId}/watch-over`, {
      headers: minami,
      body: { agreedBy: 'たなか はなこ', contacts: [{ name: 'たなか いちろう', phone: '090-1234-5678' }] },
    });
    expect(put.status).toBe(200);
    expect((await search(minami, 'たなか'))[0]?.consent).toBe('agreed');
    const read = await call(t, 'GET', `/api/v1/households/${box.householdId}/watch-over`, {
      headers: minami,
    });
    expect(read.status).toBe(200);
    expect(await audited('watch-over.consent-read')).toBe(1);
    // Another town's staff cannot read it (and the refusal reads nothing).
    const foreign = await call(t, 'GET', `/api/v1/households/${box.householdId}/watch-over`, {
      headers: chiyoda,
    });
    expect(foreign.status).toBe(404);
    expect(await audited('watch-over.consent-read')).toBe(1);
    const withdrawn = await call(t, 'DELETE', `/api/v1/households/${box.householdId}/watch-over`, {
      headers: minami,
    });
    expect(withdrawn.status).toBe(204);
    expect((await search(minami, 'たなか'))[0]?.consent).toBe('withdrawn');
  });

  it('refuses a search without text', async () => {
    const response = await call(t, 'GET', '/api/v1/ops/watch-over/households?q=', { headers: minami });
    expect(response.status).toBe(400);
  });
});
