// This node's households for targeting: read from the households table and unsealed once each, indexed by the
// disaster library (k-d tree, area codes), and kept fresh by `households.version` (migration 0008), which grows
// with every insert or change and is committed in order. Each use asks the database for the highest version
// (one index lookup): nothing new, the same index; new households only, just those are read and unsealed and
// the index is rebuilt from memory; a changed household, everything is read again (positions stay in version
// order, as on a node that starts now). A second node sees a household enrolled through the first the next
// time it targets or renders (and at its next background refresh).
import { setImmediate } from 'node:timers/promises';
import {
  createHouseholdIndex,
  type HouseholdIndex,
  type RejectedHousehold,
  type TargetHousehold,
} from '@myna-tv/disaster';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { type HouseholdCare, householdField, unsealMembers } from '../devices/index.ts';
import { type StoredHousehold, toTargetHousehold } from './target-households.ts';

/** Households unsealed between two turns of the event loop (about 20 ms of work). */
const unsealChunk = 500;

export interface NodeHouseholds {
  /** The index as the households table stands now. */
  current(): Promise<HouseholdIndex>;
}

export interface NodeHouseholdsOptions {
  db: Queryable;
  cipher: FieldCipher;
  /** Households the targeting schema refused (left out of the index): for the composition root to log. */
  onRejected?: (rejected: readonly RejectedHousehold[]) => void;
  /** Each (re)build: households indexed and milliseconds taken (loading, unsealing, indexing). */
  onBuilt?: (built: { households: number; unsealed: number; ms: number }) => void;
}

interface HouseholdRow {
  id: string;
  local_government_code: string;
  machiaza_id: string | null;
  latitude: number;
  longitude: number;
  members_sealed: string;
  care_sealed: string | null;
  version: number;
}

export function createNodeHouseholds(options: NodeHouseholdsOptions): NodeHouseholds {
  const { db, cipher } = options;
  /** Mapped once when read (hasSupporter set at each build), in version order: the same on every node. */
  let stored = new Map<string, TargetHousehold>();
  let seenVersion = 0;
  let index: HouseholdIndex | null = null;
  let building: Promise<HouseholdIndex> | null = null;

  const unseal = (row: HouseholdRow): StoredHousehold => ({
    id: row.id,
    localGovernmentCode: row.local_government_code,
    machiazaId: row.machiaza_id,
    latitude: row.latitude,
    longitude: row.longitude,
    members: unsealMembers(cipher, row.members_sealed, row.id),
    care:
      row.care_sealed === null
        ? null
        : (JSON.parse(
            cipher.decrypt(row.care_sealed, householdField('care_sealed', row.id)),
          ) as HouseholdCare),
  });

  const read = (after: number) =>
    db.query<HouseholdRow>(
      `SELECT id, local_government_code, machiaza_id, latitude, longitude, members_sealed, care_sealed, version
         FROM households WHERE version > $1 ORDER BY version`,
      [after],
    );

  async function build(latest: number): Promise<HouseholdIndex> {
    const started = performance.now();
    let rows = await read(seenVersion);
    let next = stored;
    if (rows.some((row) => stored.has(row.id))) {
      // Something changed or went: start again, so positions stay in version order as on a fresh node.
      next = new Map();
      rows = await read(0);
    } else {
      next = new Map(stored);
    }
    for (const [n, row] of rows.entries()) {
      next.set(row.id, toTargetHousehold(unseal(row), false));
      // Unsealing a whole town takes seconds: let deliveries and acks run in between.
      if (n % unsealChunk === unsealChunk - 1) await setImmediate();
    }
    const supported = new Set<string>();
    for (const household of next.values()) for (const id of household.supports) supported.add(id);
    const households = [...next.values()].map((h) =>
      supported.has(h.id) ? { ...h, needs: { ...h.needs, hasSupporter: true } } : h,
    );
    const built = createHouseholdIndex(households);
    if (built.rejected.length > 0) options.onRejected?.(built.rejected);
    stored = next;
    seenVersion = Math.max(latest, seenVersion, ...rows.slice(-1).map((row) => row.version));
    index = built.index;
    options.onBuilt?.({
      households: built.index.households.length,
      unsealed: rows.length,
      ms: performance.now() - started,
    });
    return built.index;
  }

  async function current(): Promise<HouseholdIndex> {
    const [head] = await db.query<{ latest: number | null }>('SELECT max(version) AS latest FROM households');
    const latest = head?.latest ?? 0;
    if (index !== null && latest === seenVersion) return index;
    building ??= build(latest).finally(() => {
      building = null;
    });
    return building;
  }

  return { current };
}
