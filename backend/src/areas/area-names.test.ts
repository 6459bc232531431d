import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase, type Database, migrate } from '../db/index.ts';
import { importTownMasterFiles } from './area-names.ts';

const header = 'lg_code,machiaza_id,city,ward,oaza_cho,chome,koaza,ablt_date';

describe('area names from 町字マスター files', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await createPgliteDatabase();
    await migrate(db);
    dir = await mkdtemp(join(tmpdir(), 'myna-area-names-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const names = () =>
    db.query<{ local_government_code: string; machiaza_id: string | null; name: string }>(
      'SELECT local_government_code, machiaza_id, name FROM area_names ORDER BY 1, 2 NULLS FIRST',
    );

  it('stores each file, and a later file renames what it names again', async () => {
    const first = join(dir, 'mt_town_city363871.csv');
    await writeFile(
      first,
      `${header}\n363871,0001000,美波町,,奥河内,,,\n363871,0002000,美波町,,日和佐浦,,,\n`,
    );
    const renamed = join(dir, 'renamed.csv');
    await writeFile(renamed, `${header}\n363871,0002000,美波町,,日和佐浦町,,,\n`);

    expect(await importTownMasterFiles(db, [first, renamed], new Date())).toBe(5);
    // Starting again with the same files changes nothing.
    await importTownMasterFiles(db, [first, renamed], new Date());
    expect(await names()).toEqual([
      { local_government_code: '363871', machiaza_id: null, name: '美波町' },
      { local_government_code: '363871', machiaza_id: '0001000', name: '奥河内' },
      { local_government_code: '363871', machiaza_id: '0002000', name: '日和佐浦町' },
    ]);
  });

  it('fails with the path of a file that is not a 町字マスター, or is missing', async () => {
    const shelters = join(dir, 'shelters.csv');
    await writeFile(shelters, '名称,緯度,経度\n日和佐公民館,33.73,134.53\n');
    await expect(importTownMasterFiles(db, [shelters], new Date())).rejects.toThrow(
      `AREA_NAMES_FILES: ${shelters}: not a 町字マスター CSV`,
    );
    await expect(importTownMasterFiles(db, [join(dir, 'missing.csv')], new Date())).rejects.toThrow(
      /AREA_NAMES_FILES: .*missing\.csv/,
    );
  });
});
