// What the dashboard reads about shelters (shelter-view-routes.ts answers these shapes): types only, so the
// dashboard (backend/ops, DOM library) can import them without the database modules behind the views.
import type { AgeGroup } from './age-group.ts';

export interface ShelterStatus {
  shelterId: string;
  name: string;
  kind: string;
  localGovernmentCode: string;
  status: 'open' | 'closed';
  capacity: number | null;
  capacityText: string | null;
  people: number;
  households: number;
  flagged: number;
  unresolved: number;
  /** When the first person arrived (terminal clock); null: nobody yet. */
  openedAt: string | null;
}

export interface ArrivalBucket {
  /** Start of the bucket (UTC). */
  at: string;
  shelterId: string;
  /** People whose first check-in at this shelter falls in the bucket (terminal clock). */
  arrivals: number;
}

export interface AreaAtHome {
  localGovernmentCode: string;
  machiazaId: string | null;
  /** The 町字's name (the municipality's for households without 町字); null where none is known. */
  name: string | null;
  targeted: number;
  /** Someone of the household checked in at a shelter. */
  atShelter: number;
  /** Answered 避難中 or 避難所にいる on the box, nobody checked in yet. */
  onTheWay: number;
  /** Neither: still at home as far as anyone knows (including those who answered 無事). */
  atHome: number;
  safe: number;
}

export interface NeedsAssistanceAtLarge {
  householdId: string;
  address: string;
  members: { name: string; needsAssistance: boolean }[];
  localGovernmentCode: string;
  machiazaId: string | null;
  answer: string | null;
}

export interface UnresolvedPerson {
  personKey: string;
  shelterId: string;
  checkedInAt: string;
  flag: string | null;
  /** Hand entries: what staff typed (personal data). Null for a card not registered yet. */
  manual: { name: string; ageGroup: AgeGroup; needsAssistance: boolean } | null;
}

export interface ShelterSupplies {
  shelterId: string;
  localGovernmentCode: string;
  people: number;
  infants: number;
  elderly: number;
  days: number;
  items: { item: string; label: string; unit: string; quantity: number }[];
}

export interface ResidentCandidate {
  residentId: string;
  name: string;
  dateOfBirth: string;
  ageGroup: AgeGroup;
  address: string;
  householdId: string | null;
}
