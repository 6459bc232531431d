import { describe, expect, it } from 'vitest';
import { readTownMaster } from './town-master.ts';

// Rows in the registry's current layout (columns not read left out, as an export may); codes made up.
const current = [
  'lg_code,machiaza_id,machiaza_type,pref,county,city,ward,oaza_cho,chome,koaza,efct_date,ablt_date',
  '363871,0001000,1,徳島県,海部郡,美波町,,奥河内,,,1948-08-01,',
  '363871,0001101,3,徳島県,海部郡,美波町,,奥河内,,寺前,1948-08-01,',
  '363871,0002000,1,徳島県,海部郡,美波町,,日和佐浦,,,1948-08-01,',
  '363871,0003000,1,徳島県,海部郡,美波町,,旧大字,,,1948-08-01,2006-03-31',
  '141011,0001001,2,神奈川県,,横浜市,中区,山下町,一丁目,,1948-08-01,',
  '141011,0001001,2,神奈川県,,横浜市,中区,山下町,一丁目,,1948-08-01,',
  'bad,row',
].join('\n');

describe('町字マスター', () => {
  it('names each municipality and 町字 once, with 丁目 and 小字, leaving abolished ones out', () => {
    expect(readTownMaster(current)).toEqual([
      { localGovernmentCode: '363871', machiazaId: null, name: '美波町' },
      { localGovernmentCode: '363871', machiazaId: '0001000', name: '奥河内' },
      { localGovernmentCode: '363871', machiazaId: '0001101', name: '奥河内字寺前' },
      { localGovernmentCode: '363871', machiazaId: '0002000', name: '日和佐浦' },
      { localGovernmentCode: '141011', machiazaId: null, name: '横浜市中区' },
      { localGovernmentCode: '141011', machiazaId: '0001001', name: '山下町一丁目' },
    ]);
  });

  it('reads the earlier Japanese header, with a BOM', () => {
    const earlier = [
      '\uFEFF全国地方公共団体コード,町字id,都道府県名,市区町村名,政令市区名,大字・町名,丁目名,小字名,廃止日',
      '363871,0001000,徳島県,美波町,,奥河内,,,',
    ].join('\r\n');
    expect(readTownMaster(earlier)).toEqual([
      { localGovernmentCode: '363871', machiazaId: null, name: '美波町' },
      { localGovernmentCode: '363871', machiazaId: '0001000', name: '奥河内' },
    ]);
  });

  it('refuses a file without the codes and names', () => {
    expect(() => readTownMaster('名称,緯度,経度\n日和佐公民館,33.73,134.53')).toThrow(/町字マスター/);
    expect(() => readTownMaster('')).toThrow(/町字マスター/);
  });
});
