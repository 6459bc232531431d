// A whole backend for the shelter browser tests: startBackend on a free port (PGlite in `dir`, the development
// JPKI at /dev-jpki, operator sessions), the ops dashboard built and served at /ops/, the demo town 美波町
// seeded (its shelters, 5 households, the demo operator accounts), and one evacuation shelter given a
// capacity of 40 for the tests to use.
import { join } from 'node:path';
import {
  type Config,
  createFieldCipher,
  type DemoBoxKeeper,
  type FieldCipher,
  loadConfig,
  loadFieldKeys,
  seedDemo,
} from '@myna-tv/backend';
import { buildOpsDashboard } from '../../../backend/ops/build-ops.ts';
import { type Backend, startBackend } from '../../../backend/src/server/index.ts';

export interface TownBackend {
  backend: Backend;
  config: Config;
  cipher: FieldCipher;
  /** The evacuation shelter with capacity 40. */
  shelterId: string;
}

export async function startTownBackend(dir: string): Promise<TownBackend> {
  const config = loadConfig({
    DATA_DIR: join(dir, 'data'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    OPS_APP_DIR: await buildOpsDashboard({ outDir: join(dir, 'ops') }),
  });
  const backend = await startBackend({ config });
  const cipher = createFieldCipher(await loadFieldKeys(config));
  const keeper: DemoBoxKeeper = { has: async () => false, keep: async () => undefined };
  await seedDemo(backend.db, { cipher, now: new Date(), householdCount: 5, boxes: keeper });
  const [shelter] = await backend.db.query<{ id: string }>(
    `UPDATE shelters SET capacity = 40, capacity_text = '40人'
      WHERE id = (SELECT id FROM shelters WHERE kind = 'evacuation-shelter' ORDER BY id LIMIT 1) RETURNING id`,
  );
  return { backend, config, cipher, shelterId: shelter?.id ?? '' };
}
