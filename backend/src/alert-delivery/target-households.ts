// A stored household as alert targeting sees it (the disaster library's TargetHousehold): its place and area
// codes, how many places it takes at a shelter, its needs, whom it supports, its language and, with consent,
// the family names alerts address it by. Pure: the loader unseals, this maps.
import { noNeeds, type TargetHousehold } from '@myna-tv/disaster';
import type { HouseholdCare, HouseholdMember } from '../devices/index.ts';

export interface StoredHousehold {
  id: string;
  localGovernmentCode: string;
  machiazaId: string | null;
  latitude: number;
  longitude: number;
  members: readonly HouseholdMember[];
  care: HouseholdCare | null;
}

/** Family names (the part before the first space), once each: how alerts address a household. */
function familyNames(members: readonly HouseholdMember[]): string[] {
  const names = new Set<string>();
  for (const member of members) {
    const family = member.name.trim().split(/[\s\u3000]+/)[0];
    if (family) names.add(family.slice(0, 40));
  }
  return [...names];
}

/**
 * `hasSupporter` is true when some household names this one in its supporterOf. A member marked
 * needsAssistance with no need given counts as needing help to move (the enrolment form's one flag).
 */
export function toTargetHousehold(stored: StoredHousehold, hasSupporter: boolean): TargetHousehold {
  const care = stored.care ?? {};
  const given = care.needs ?? noNeeds;
  const anyNeed = given.elderly || given.mobility || given.hearing || given.visual || given.welfareShelter;
  const memberNeedsHelp = stored.members.some((member) => member.needsAssistance);
  return {
    id: stored.id,
    latitude: stored.latitude,
    longitude: stored.longitude,
    localGovernmentCode: stored.localGovernmentCode,
    machiazaId: stored.machiazaId,
    people: Math.min(20, Math.max(1, stored.members.length)),
    needs: {
      elderly: given.elderly,
      mobility: given.mobility || (memberNeedsHelp && !anyNeed),
      hearing: given.hearing,
      visual: given.visual,
      welfareShelter: given.welfareShelter,
      hasSupporter,
    },
    supports: care.supporterOf ?? [],
    language: care.language ?? 'ja',
    names: familyNames(stored.members),
    namesConsent: care.namesConsent ?? false,
  };
}
