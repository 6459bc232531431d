// The demo town: 美波町 (徳島県), 全国地方公共団体コード 363871, its 大字 (settlements) and their published shelter
// sites, so demo households sit where people live: near the 公民館, schools and 集会所 of each 大字.
import { type AreaName, minamiTownShelters, type Shelter } from '@myna-tv/disaster';

export const demoLocalGovernmentCode = '363871';
export const demoTownAddress = '徳島県海部郡美波町';

export interface Settlement {
  /** 大字 as written in addresses. */
  name: string;
  /**
   * 町字-like id (7 digits: 4 for the 大字, 3 for a 丁目 or 小字, here 000). Made up in the shape of the Address
   * Base Registry's 町字ID; not the registry's real value.
   */
  machiazaId: string;
  /** Share of the demo households (rough, by the size of each district; not census figures). */
  weight: number;
  /** The published shelter sites in this 大字: households are placed around them. */
  sites: Shelter[];
}

/** 大字 with how addresses spell them (the data has both 奥 and 奧), the 日和佐 side first, then 由岐. */
const districts: readonly { name: string; spellings: readonly string[]; weight: number }[] = [
  { name: '奥河内', spellings: ['奥河内', '奧河内'], weight: 20 },
  { name: '日和佐浦', spellings: ['日和佐浦'], weight: 12 },
  { name: '北河内', spellings: ['北河内'], weight: 12 },
  { name: '西河内', spellings: ['西河内'], weight: 8 },
  { name: '山河内', spellings: ['山河内'], weight: 4 },
  { name: '赤松', spellings: ['赤松'], weight: 5 },
  { name: '木岐', spellings: ['木岐'], weight: 7 },
  { name: '田井', spellings: ['田井'], weight: 4 },
  { name: '西の地', spellings: ['西の地'], weight: 7 },
  { name: '東由岐', spellings: ['東由岐'], weight: 6 },
  { name: '志和岐', spellings: ['志和岐'], weight: 4 },
  { name: '阿部', spellings: ['阿部'], weight: 5 },
  { name: '伊座利', spellings: ['伊座利'], weight: 3 },
];

/** The 大字 part of a site's address, e.g. `徳島県海部郡美波町奥河内字寺前153-1` → 奥河内. */
function districtOf(address: string): string | undefined {
  const rest = address.slice(address.indexOf('美波町') + '美波町'.length).replace(/^字/, '');
  return districts.find((d) => d.spellings.some((s) => rest.startsWith(s)))?.name;
}

let settlements: Settlement[] | undefined;

/** Every 大字 of the demo with its sites (each has at least one). */
export function demoSettlements(): readonly Settlement[] {
  settlements ??= districts.map((district, index) => ({
    name: district.name,
    machiazaId: `${String(index + 1).padStart(4, '0')}000`,
    weight: district.weight,
    sites: minamiTownShelters()
      .all()
      .filter((site) => districtOf(site.address) === district.name),
  }));
  return settlements;
}

export function settlementNamed(name: string): Settlement {
  const found = demoSettlements().find((s) => s.name === name);
  if (found === undefined) throw new RangeError(`no demo settlement ${name}`);
  return found;
}

/** The names the dashboard shows for the demo's codes: the town and each 大字. */
export function demoAreaNames(): AreaName[] {
  return [
    { localGovernmentCode: demoLocalGovernmentCode, machiazaId: null, name: '美波町' },
    ...demoSettlements().map((s) => ({
      localGovernmentCode: demoLocalGovernmentCode,
      machiazaId: s.machiazaId,
      name: s.name,
    })),
  ];
}
