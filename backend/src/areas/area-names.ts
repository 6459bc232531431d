// area_names (migration 0020): what staff read for a 全国地方公共団体コード or a 町字ID. Filled from the
// アドレス・ベース・レジストリ 町字マスター files of AREA_NAMES_FILES at each start (the registry renames a 町字 now
// and then: the newest file wins) and by the demo seed. One statement per file: 町字マスター of a whole
// prefecture has tens of thousands of rows.
import { readFile } from 'node:fs/promises';
import { type AreaName, readTownMaster } from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';
import type { MunicipalityAreas } from './contracts.ts';

/** Stores names (a name given again replaces the one stored). */
export async function storeAreaNames(db: Queryable, names: readonly AreaName[], now: Date): Promise<void> {
  if (names.length === 0) return;
  await db.query(
    `INSERT INTO area_names (local_government_code, machiaza_id, name, updated_at)
     SELECT r->>0, r->>1, r->>2, $2 FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (local_government_code, machiaza_id) DO UPDATE SET name = EXCLUDED.name, updated_at = $2`,
    [JSON.stringify(names.map((n) => [n.localGovernmentCode, n.machiazaId, n.name])), now],
  );
}

/** Reads each 町字マスター file and stores its names; a file that is not one fails with its path. */
export async function importTownMasterFiles(
  db: Queryable,
  files: readonly string[],
  now: Date,
): Promise<number> {
  let count = 0;
  for (const file of files) {
    let names: AreaName[];
    try {
      names = readTownMaster(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`AREA_NAMES_FILES: ${file}: ${(error as Error).message}`, { cause: error });
    }
    await storeAreaNames(db, names, now);
    count += names.length;
  }
  return count;
}

/**
 * A short description of an area the dashboard's compose form names: the municipality's name, or the names of
 * the 町字 (12-digit L-Alert codes: the municipality's code without its check digit, then the 町字ID) with a
 * count beyond three; undefined where a name is missing (the caller falls back to the codes).
 */
export async function describeArea(
  db: Queryable,
  area: { localGovernmentCode: string } | { machiazaIds: readonly string[] },
): Promise<string | undefined> {
  if ('localGovernmentCode' in area) {
    const [row] = await db.query<{ name: string }>(
      'SELECT name FROM area_names WHERE local_government_code = $1 AND machiaza_id IS NULL',
      [area.localGovernmentCode],
    );
    return row?.name;
  }
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT DISTINCT ON (ids.id) ids.id, n.name FROM unnest($1::text[]) AS ids(id)
       JOIN area_names n ON left(n.local_government_code, 5) = left(ids.id, 5) AND n.machiaza_id = right(ids.id, 7)
      ORDER BY ids.id, n.local_government_code`,
    [area.machiazaIds],
  );
  const byId = new Map(rows.map((row) => [row.id, row.name]));
  const names = area.machiazaIds.map((id) => byId.get(id));
  if (names.length === 0 || names.some((name) => name === undefined)) return undefined;
  const shown = names.slice(0, 3).join('、');
  return names.length > 3 ? `${shown} ほか${names.length - 3}か所` : shown;
}

/** A municipality's name and its named 町字 (with their 12-digit codes). */
export async function municipalityAreas(
  db: Queryable,
  localGovernmentCode: string,
): Promise<MunicipalityAreas> {
  const rows = await db.query<{ machiaza_id: string | null; name: string }>(
    'SELECT machiaza_id, name FROM area_names WHERE local_government_code = $1 ORDER BY machiaza_id NULLS FIRST',
    [localGovernmentCode],
  );
  return {
    localGovernmentCode,
    name: rows.find((row) => row.machiaza_id === null)?.name ?? null,
    machiaza: rows.flatMap(({ machiaza_id: machiazaId, name }) =>
      machiazaId === null ? [] : [{ machiazaId, code: localGovernmentCode.slice(0, 5) + machiazaId, name }],
    ),
  };
}
