// A whole backend for the shelter browser tests: startBackend on a free port (PGlite in `dir`, the development
// JPKI at /dev-jpki, operator sessions), the ops dashboard built and served at /ops/, the demo town 美波町
// seeded (its shelters, 5 households, the demo operator accounts), and one evacuation shelter given a
// capacity of 40 for the tests to use.
import {
  type Config,
  createFieldCipher,
  type DemoBoxKeeper,
  type FieldCipher,
  loadFieldKeys,
  seedDemo,
} from '@myna-tv/backend';
import type { Backend } from '../../../backend/src/server/index.ts';
import { startOpsBackendIn } from '../../browser/support/ops-backend.ts';

export interface TownBackend {
  backend: Backend;
  config: Config;
  cipher: FieldCipher;
  /** The evacuation shelter with capacity 40. */
  shelterId: string;
}

export async function startTownBackend(dir: string): Promise<TownBackend> {
  const { backend, config } = await startOpsBackendIn(dir);
  const cipher = createFieldCipher(await loadFieldKeys(config));
  const keeper: DemoBoxKeeper = { has: async () => false, keep: async () => undefined };
  await seedDemo(backend.db, { cipher, now: new Date(), householdCount: 5, boxes: keeper });
  const [shelter] = await backend.db.query<{ id: string }>(
    `UPDATE shelters SET capacity = 40, capacity_text = '40人'
      WHERE id = (SELECT id FROM shelters WHERE kind = 'evacuation-shelter' ORDER BY id LIMIT 1) RETURNING id`,
  );
  return { backend, config, cipher, shelterId: shelter?.id ?? '' };
}
