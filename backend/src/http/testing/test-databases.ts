// The databases the app's integration tests run on, for `describe.each(testDatabases)`: PGlite (undefined:
// createTestApp makes its own in a temp folder) and a fresh migrated PostgreSQL database, dropped by `dispose`.
import {
  createPostgresDatabase,
  createTempPostgresDatabase,
  type Database,
  migrate,
} from '../../db/index.ts';

export interface ExternalTestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

export const testDatabases: [string, () => Promise<ExternalTestDatabase | undefined>][] = [
  ['PGlite', async () => undefined],
  [
    'PostgreSQL',
    async () => {
      const temp = await createTempPostgresDatabase();
      const db = createPostgresDatabase({ url: temp.url });
      await migrate(db);
      return {
        db,
        dispose: async () => {
          await db.close();
          await temp.drop();
        },
      };
    },
  ],
];
