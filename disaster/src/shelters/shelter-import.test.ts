import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ShelterError } from './shelter-error.ts';
import { importShelterFile } from './shelter-import.ts';
import { createShelterRegistry } from './shelter-registry.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

const flags = (on: string[]) =>
  Object.fromEntries(
    ['洪水', '崖崩れ、土石流及び地滑り', '高潮', '地震', '津波', '大規模な火事', '内水氾濫', '火山現象'].map(
      (name) => [name, on.includes(name) ? '1' : ''],
    ),
  );

const feature = (coordinates: unknown, properties: Record<string, unknown>) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties,
});

const gsiSites = {
  type: 'FeatureCollection',
  name: '363871',
  features: [
    feature([134.535, 33.742], {
      共通ID: 'E3638700090201',
      '施設・場所名': '高台公園（津波時は頂上に避難）',
      住所: '徳島県美波町奥河内1',
      ...flags(['地震', '津波']),
      指定避難所との住所同一: '1',
      備考: '',
    }),
    feature([33.742, 134.535], {
      共通ID: 'E3638700091201',
      '施設・場所名': '逆',
      住所: '美波町',
      ...flags(['津波']),
    }),
    feature(null, { 共通ID: 'E3638700092201', '施設・場所名': '位置なし', 住所: '美波町', ...flags([]) }),
    feature([134.536, 33.743], {
      共通ID: 'E3638700090201',
      '施設・場所名': '重複',
      住所: '美波町',
      ...flags([]),
    }),
    feature([134.537, 33.744], {
      共通ID: 'E3638700093201',
      '施設・場所名': '',
      住所: '美波町',
      ...flags([]),
    }),
  ],
};

describe('importShelterFile', () => {
  it('reads 国土地理院 GeoJSON emergency sites: flags, name note, and reports broken features', () => {
    const result = importShelterFile(utf8(JSON.stringify(gsiSites)));
    expect(result).toMatchObject({ format: 'gsi-geojson', encoding: 'utf-8' });
    expect(result.sites).toEqual([
      {
        id: 'E3638700090201',
        kind: 'emergency-site',
        name: '高台公園',
        note: '津波時は頂上に避難',
        address: '徳島県美波町奥河内1',
        latitude: 33.742,
        longitude: 134.535,
        hazards: ['earthquake', 'tsunami'],
        sameAddressAsShelter: true,
      },
    ]);
    expect(result.problems).toEqual([
      {
        row: 2,
        id: 'E3638700091201',
        code: 'position-swapped',
        reason: 'latitude and longitude are swapped',
      },
      {
        row: 3,
        id: 'E3638700092201',
        code: 'position-missing',
        reason: 'latitude/longitude missing or not numbers',
      },
      {
        row: 4,
        id: 'E3638700090201',
        code: 'id-duplicate',
        reason: 'ID E3638700090201 appears twice',
      },
      {
        row: 5,
        id: 'E3638700093201',
        code: 'field-invalid',
        reason: expect.stringMatching(/^name: /),
        field: 'name',
      },
    ]);
  });

  it('reads 国土地理院 GeoJSON 指定避難所 with 受入対象者 要配慮者 as welfare shelters', () => {
    const shelters = {
      type: 'FeatureCollection',
      features: [
        feature([134.53, 33.73], {
          共通ID: 'E3638700094111',
          '施設・場所名': '特別養護老人ホーム',
          住所: '美波町',
          指定緊急避難場所との住所同一: '',
          受入対象者: '要配慮者',
        }),
      ],
    };
    const [site] = importShelterFile(utf8(JSON.stringify(shelters))).sites;
    expect(site).toMatchObject({
      kind: 'evacuation-shelter',
      acceptedPeople: '要配慮者',
      sameAddressAsEmergencySite: false,
    });
  });

  it('reads a Shift_JIS 自治体標準オープンデータセット CSV with capacity parsed or kept as text', () => {
    const result = importShelterFile(
      readFileSync(new URL('./fixtures/sites-shift-jis.csv', import.meta.url)),
    );
    expect(result).toMatchObject({ format: 'open-data-csv', encoding: 'shift_jis', problems: [] });
    expect(result.sites).toEqual([
      expect.objectContaining({
        id: 'T0001',
        name: '高台公園',
        hazards: ['landslide', 'earthquake', 'tsunami', 'large-fire'],
        capacity: { people: 300, text: '約300人' },
      }),
      expect.objectContaining({
        id: 'T0002',
        hazards: ['flood', 'storm-surge', 'earthquake', 'inland-flood'],
        capacity: { people: null, text: '収容人数は未定' },
      }),
    ]);
    // The imported sites make a registry.
    const registry = createShelterRegistry({
      title: 'test',
      localGovernmentCode: '363871',
      prefecture: '徳島県',
      municipality: '美波町',
      source: { publisher: 'test', title: 'test', url: 'https://example.jp/', credit: 'test' },
      sites: result.sites,
    });
    expect(registry.get('T0001')?.capacity?.people).toBe(300);
  });

  it('leaves out, row by row, sites not keyed by a 共通ID of the municipality asked for', () => {
    const bytes = readFileSync(new URL('./fixtures/sites-shift-jis.csv', import.meta.url));
    const result = importShelterFile(bytes, { municipality: '363871' });
    expect(result.sites).toEqual([]);
    expect(result.problems).toEqual([
      {
        row: 2,
        id: 'T0001',
        code: 'id-not-common-id',
        reason: 'ID T0001 is not a 国土地理院 共通ID (E and 13 digits)',
      },
      {
        row: 3,
        id: 'T0002',
        code: 'id-not-common-id',
        reason: 'ID T0002 is not a 国土地理院 共通ID (E and 13 digits)',
      },
    ]);
    const gsi = utf8(JSON.stringify(gsiSites));
    expect(importShelterFile(gsi, { municipality: '363871' }).sites).toHaveLength(1);
    // Another municipality's file (or a prefecture's): not one site of 美波町 in it.
    expect(importShelterFile(gsi, { municipality: '131016' }).problems).toContainEqual({
      row: 1,
      id: 'E3638700090201',
      code: 'id-other-municipality',
      reason: 'ID E3638700090201 is a site of another municipality than 131016',
    });
  });

  it('imports the good rows of a UTF-8 CSV (BOM, "1.0" flags, a count column) and reports the broken ones', () => {
    const csv = [
      '\uFEFFID,地区,名称,人数_令和6年1月9日午後6時時点,所在地_連結表記,緯度,経度,災害種別_洪水,災害種別_津波,想定収容人数,受入対象者',
      'C1,東,山の上小学校,180,美波町1,33.75,134.55,1.0,1.0,"屋内480人／屋外3,350人(面積の1/2)",',
      'C2,東,逆さ,5,美波町2,134.55,33.75,1.0,,,',
      'C3,東,緯度なし,5,美波町3,,134.55,,,,',
      'C4,東,欄が足りない,5',
      ',東,IDなし,5,美波町5,33.75,134.55,,,,',
      'NEW001,東,福祉の家,8,美波町6,33.751,134.551,,,約20名,要配慮者',
      'C7,東,"閉じない引用,5,美波町7,33.75,134.55,,,,',
    ].join('\n');
    const result = importShelterFile(utf8(csv));
    expect(result.encoding).toBe('utf-8');
    expect(result.sites.map((s) => s.id)).toEqual(['C1', 'NEW001']);
    expect(result.sites[0]).toMatchObject({
      kind: 'emergency-site',
      hazards: ['flood', 'tsunami'],
      capacity: { people: 480 },
    });
    expect(result.sites[1]).toMatchObject({
      acceptedPeople: '要配慮者',
      capacity: { people: 20, text: '約20名' },
    });
    expect(result.occupancy).toEqual([
      { id: 'C1', people: 180 },
      { id: 'NEW001', people: 8 },
    ]);
    expect(result.problems.map((p) => [p.row, p.id, p.code])).toEqual([
      [3, 'C2', 'position-swapped'],
      [4, 'C3', 'position-missing'],
      [5, 'C4', 'field-count'],
      [6, null, 'id-missing'],
      [8, null, 'record-unreadable'],
    ]);
    expect(result.problems[0]?.reason).toBe('latitude and longitude are swapped');
    expect(result.problems[1]?.reason).toBe('latitude/longitude missing or not numbers');
    expect(result.problems[2]?.reason).toBe('4 fields, header has 11');
    // An unclosed quote runs to the end of the file (CSV has no other reading): reported where it starts.
    expect(result.problems[4]?.reason).toMatch(/^not a CSV record: Quote Not Closed/);
    expect(result.problems[3]?.reason).toBe('ID missing');
  });

  it('refuses a file it cannot read at all', () => {
    expect(() => importShelterFile(new Uint8Array([0x82, 0xff, 0xfe]))).toThrow(ShelterError);
    expect(() => importShelterFile(utf8('{"type": "Feature"'))).toThrow(/not JSON/);
    expect(() => importShelterFile(utf8('{"type": "Feature"}'))).toThrow(/not a FeatureCollection/);
    expect(() => importShelterFile(utf8('ID,name\n1,2'))).toThrow(/no header with 名称/);
    expect(() => importShelterFile(utf8(''))).toThrow(/no header/);
  });
});
