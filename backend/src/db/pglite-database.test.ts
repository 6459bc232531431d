import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runDatabaseCases } from './database.case.test.ts';
import { migrate } from './migrate.ts';
import { createPgliteDatabase } from './pglite-database.ts';

runDatabaseCases(() => createPgliteDatabase());

it('keeps committed data on disk across close and reopen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'myna-pglite-'));
  try {
    const first = await createPgliteDatabase({ dir: join(dir, 'db') });
    const applied = await migrate(first);
    await first.close();
    const again = await createPgliteDatabase({ dir: join(dir, 'db') });
    try {
      expect(await migrate(again)).toEqual([]);
      const rows = await again.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe(applied.length);
    } finally {
      await again.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
