// Names of the areas alerts and households are coded by, from the Digital Agency's アドレス・ベース・レジストリ
// 町字マスター (mt_town_all.csv, or mt_town_cityNNNNNN.csv for one municipality): a row per 町字 with its
// municipality's 全国地方公共団体コード (`lg_code`), its 町字ID and the names of its parts. Households and L-Alert's
// 12-digit codes carry only the codes; staff read names. Both header spellings the registry has published are
// read: the current one (`lg_code`, `oaza_cho`, …) and the earlier Japanese one (`全国地方公共団体コード`, `大字・町名`, …).
// 町字 abolished (a 廃止日) are left out.
import { parse as parseCsv } from 'csv-parse/sync';

export interface AreaName {
  localGovernmentCode: string;
  /** null: the municipality itself. */
  machiazaId: string | null;
  /** e.g. 美波町 (a ward with its city: 横浜市中区), 奥河内, 本町一丁目, 奥河内字寺前. */
  name: string;
}

/** Each column read, by its current name and its earlier Japanese one. */
const columns = {
  lgCode: ['lg_code', '全国地方公共団体コード'],
  machiazaId: ['machiaza_id', '町字id', '町字ID'],
  city: ['city', '市区町村名'],
  ward: ['ward', '政令市区名'],
  oazaCho: ['oaza_cho', '大字・町名'],
  chome: ['chome', '丁目名'],
  koaza: ['koaza', '小字名'],
  abolished: ['ablt_date', '廃止日'],
} as const;

type Column = keyof typeof columns;

/**
 * The municipalities and 町字 of a 町字マスター CSV, each once (the first row of a 町字 wins). Throws when the text
 * has no header naming the codes and the 大字・町名.
 */
export function readTownMaster(text: string): AreaName[] {
  const records = parseCsv(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = (records[0] ?? []).map((name) => name.trim());
  const at = {} as Record<Column, number>;
  for (const [column, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    at[column] = header.findIndex((name) => names.includes(name));
  }
  if (at.lgCode < 0 || at.machiazaId < 0 || at.oazaCho < 0) {
    throw new Error('not a 町字マスター CSV: no header with lg_code, machiaza_id and oaza_cho');
  }
  const names = new Map<string, AreaName>();
  const keep = (area: AreaName) => {
    const key = `${area.localGovernmentCode}:${area.machiazaId ?? ''}`;
    if (!names.has(key) && area.name !== '') names.set(key, area);
  };
  for (const record of records.slice(1)) {
    const get = (column: Column) => (at[column] < 0 ? '' : (record[at[column]] ?? '').trim());
    const localGovernmentCode = get('lgCode');
    const machiazaId = get('machiazaId');
    if (!/^\d{6}$/.test(localGovernmentCode) || !/^\d{7}$/.test(machiazaId) || get('abolished') !== '')
      continue;
    keep({ localGovernmentCode, machiazaId: null, name: get('city') + get('ward') });
    const koaza = get('koaza');
    keep({
      localGovernmentCode,
      machiazaId,
      name: get('oazaCho') + get('chome') + (koaza === '' || koaza.startsWith('字') ? koaza : `字${koaza}`),
    });
  }
  return [...names.values()];
}
