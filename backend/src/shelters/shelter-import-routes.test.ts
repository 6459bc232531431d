import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAsAdmin, loginAsOperator, type TestApp } from '../http/testing/test-app.ts';

const site = (id: string, name: string, lon: number, lat: number) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { 共通ID: id, '施設・場所名': name, 住所: '徳島県美波町奥河内1', 津波: '1', 地震: '1' },
});

const gsiFile = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    site('E3638710000201', '高台公園', 134.535, 33.742),
    // Swapped coordinates: reported, not guessed.
    site('E3638710000202', '逆さま', 33.742, 134.535),
  ],
});

const csvFile = [
  'ID,名称,所在地_連結表記,緯度,経度,想定収容人数,受入対象者',
  'E3638710000111,奥河内集会所,徳島県美波町奥河内2,33.7401,134.5322,約120人,',
  'NEW001,臨時避難所,徳島県美波町奥河内3,33.7402,134.5323,,',
].join('\r\n');

describe('POST /api/v1/ops/shelters/import', () => {
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
  });
  afterAll(() => t.close());

  const upload = async (headers: Record<string, string>, body: string | Uint8Array, query = '') => {
    // The file's bytes as they are, not JSON.
    const response = await t.app.request(`/api/v1/ops/shelters/import${query}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const stored = () =>
    t.db.query<{ id: string; kind: string; name: string; source: string; capacity: number | null }>(
      'SELECT id, kind, name, source, capacity FROM shelters ORDER BY id',
    );

  it('stores the readable sites of a 国土地理院 GeoJSON and lists the rest, the same file again changing nothing', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await upload(admin, gsiFile, '?localGovernmentCode=363871')).toEqual({
        status: 200,
        body: {
          format: 'gsi-geojson',
          encoding: 'utf-8',
          imported: 1,
          problems: [
            {
              row: 2,
              id: 'E3638710000202',
              code: 'position-swapped',
              reason: 'latitude and longitude are swapped',
            },
          ],
        },
      });
    }
    expect(await stored()).toEqual([
      {
        id: 'E3638710000201',
        kind: 'emergency-site',
        name: '高台公園',
        source: '国土地理院',
        capacity: null,
      },
    ]);
  });

  it("takes the staff's own municipality's CSV, leaving out a site without a 共通ID", async () => {
    const { status, body } = await upload(town, csvFile, '?publisher=美波町');
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'open-data-csv', imported: 1 });
    expect(body.problems).toEqual([
      {
        row: 3,
        id: 'NEW001',
        code: 'id-not-common-id',
        reason: 'ID NEW001 is not a 国土地理院 共通ID (E and 13 digits)',
      },
    ]);
    expect((await stored()).find((s) => s.id === 'E3638710000111')).toEqual({
      id: 'E3638710000111',
      kind: 'evacuation-shelter',
      name: '奥河内集会所',
      source: '美波町',
      capacity: 120,
    });
    const audit = await t.db.query<{ target_id: string }>(
      "SELECT target_id FROM audit_log WHERE action = 'shelter.import' ORDER BY at",
    );
    expect(audit.map((a) => a.target_id)).toEqual(['363871', '363871', '363871']);
  });

  it("refuses a file with no usable site (or none of the municipality's), another municipality to staff, and an admin naming none", async () => {
    const sjis = readFileSync(
      new URL('../../../disaster/src/shelters/fixtures/sites-shift-jis.csv', import.meta.url),
    );
    const none = await upload(admin, new Uint8Array(sjis), '?localGovernmentCode=363871');
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ error: { code: 'shelter.file-invalid' } });
    expect(String((none.body.error as { message: string }).message)).toContain('row 2');
    expect((await upload(admin, 'hello', '?localGovernmentCode=363871')).status).toBe(422);
    // 美波町's file under 千代田区's code: not one of its sites.
    const foreign = await upload(admin, gsiFile, '?localGovernmentCode=131016');
    expect([foreign.status, String((foreign.body.error as { message: string }).message)]).toEqual([
      422,
      'no site could be read (row 1: ID E3638710000201 is a site of another municipality than 131016)',
    ]);
    expect((await upload(town, gsiFile, '?localGovernmentCode=131016')).status).toBe(403);
    expect((await upload(admin, gsiFile)).status).toBe(400);
  });
});
