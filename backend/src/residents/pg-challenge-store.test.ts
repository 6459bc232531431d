// The shared ChallengeStore contract (jpki/challenge-store.case.test.ts) against the PostgreSQL-backed store,
// on PGlite and on a PostgreSQL server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  createPgliteDatabase,
  createPostgresDatabase,
  createTempPostgresDatabase,
  type Database,
  migrate,
  type TempPostgresDatabase,
} from '../db/index.ts';
import { challengeStoreCases } from '../jpki/challenge-store.case.test.ts';
import { createPgChallengeStore } from './pg-challenge-store.ts';

let dir: string;
let pglite: Database;
let temp: TempPostgresDatabase;
let postgres: Database;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-challenges-'));
  pglite = await createPgliteDatabase({ dir: join(dir, 'db') });
  await migrate(pglite);
  temp = await createTempPostgresDatabase();
  postgres = createPostgresDatabase({ url: temp.url });
  await migrate(postgres);
});
afterAll(async () => {
  await pglite.close();
  await postgres.close();
  await temp.drop();
  await rm(dir, { recursive: true, force: true });
});

challengeStoreCases('PostgreSQL store on PGlite', async () => createPgChallengeStore(pglite));
challengeStoreCases('PostgreSQL store on PostgreSQL', async () => createPgChallengeStore(postgres));
