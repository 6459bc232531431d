// The households of one backend node, indexed for targeting: a static k-d tree of positions (kdbush) for
// polygons and circles, and maps by 全国地方公共団体コード and by 町字 code for geocodes. Built once from the
// backend's records (and rebuilt when they change); every household is checked first, and one that does not
// follow the schema is reported and left out, never guessed.
import KDBush from 'kdbush';
import { type TargetHousehold, targetHouseholdSchema } from './household.ts';

export interface RejectedHousehold {
  /** Position in the input. */
  position: number;
  id: string | null;
  reason: string;
}

export interface HouseholdIndex {
  readonly households: readonly TargetHousehold[];
  /** Positions (in `households`) by id. */
  readonly positionById: ReadonlyMap<string, number>;
  readonly points: KDBush;
  /** Positions as typed arrays: the hot loops read these, not the objects. */
  readonly latitudes: Float64Array;
  readonly longitudes: Float64Array;
  readonly byLocalGovernment: ReadonlyMap<string, readonly number[]>;
  /** Key: 12-digit 町字 code (5-digit municipality code + 町字ID). */
  readonly byMachiaza: ReadonlyMap<string, readonly number[]>;
  /** Positions of a household's 避難支援者 households, by the supported household's id. */
  readonly supportersOf: ReadonlyMap<string, readonly number[]>;
}

function push(map: Map<string, number[]>, key: string, position: number) {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

/** One object shape for every household (the parser's output objects vary), so hot loops stay monomorphic. */
function sameShape(h: TargetHousehold): TargetHousehold {
  return {
    id: h.id,
    latitude: h.latitude,
    longitude: h.longitude,
    localGovernmentCode: h.localGovernmentCode,
    machiazaId: h.machiazaId,
    people: h.people,
    needs: { ...h.needs },
    supports: h.supports,
    language: h.language,
    names: h.names,
    namesConsent: h.namesConsent,
  };
}

export function createHouseholdIndex(input: readonly unknown[]): {
  index: HouseholdIndex;
  rejected: RejectedHousehold[];
} {
  const households: TargetHousehold[] = [];
  const rejected: RejectedHousehold[] = [];
  const positionById = new Map<string, number>();
  input.forEach((candidate, position) => {
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : null;
    const parsed = targetHouseholdSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ position, id, reason: `${issue?.path.join('.') || 'household'}: ${issue?.message}` });
      return;
    }
    if (positionById.has(parsed.data.id)) {
      rejected.push({ position, id, reason: `id ${parsed.data.id} appears twice` });
      return;
    }
    positionById.set(parsed.data.id, households.length);
    households.push(sameShape(parsed.data));
  });
  const points = new KDBush(Math.max(households.length, 1));
  const latitudes = new Float64Array(households.length);
  const longitudes = new Float64Array(households.length);
  const byLocalGovernment = new Map<string, number[]>();
  const byMachiaza = new Map<string, number[]>();
  const supportersOf = new Map<string, number[]>();
  households.forEach((household, position) => {
    for (const supported of household.supports) push(supportersOf, supported, position);
    points.add(household.longitude, household.latitude);
    latitudes[position] = household.latitude;
    longitudes[position] = household.longitude;
    push(byLocalGovernment, household.localGovernmentCode, position);
    const machiaza = household.machiazaId;
    if (machiaza !== null) {
      push(byMachiaza, `${household.localGovernmentCode.slice(0, 5)}${machiaza.slice(-7)}`, position);
    }
  });
  // kdbush needs at least one point; an empty node gets a point no range query reaches.
  if (households.length === 0) points.add(Number.NaN, Number.NaN);
  points.finish();
  return {
    index: {
      households,
      positionById,
      points,
      latitudes,
      longitudes,
      byLocalGovernment,
      byMachiaza,
      supportersOf,
    },
    rejected,
  };
}
