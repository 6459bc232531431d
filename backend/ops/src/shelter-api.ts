// The dashboard's calls for shelters (backend/src/checkins/shelter-view-routes.ts). The shapes mirror the
// route schemas: the backend's view modules import the database, which does not compile under the DOM library.
import { call, OperatorApiError } from './operator-api.ts';

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
  openedAt: string | null;
}

export interface ArrivalBucket {
  at: string;
  shelterId: string;
  arrivals: number;
}

export interface AreaAtHome {
  localGovernmentCode: string;
  machiazaId: string | null;
  targeted: number;
  atShelter: number;
  onTheWay: number;
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

export interface ShelterSupplies {
  shelterId: string;
  people: number;
  infants: number;
  elderly: number;
  days: number;
  items: { item: string; label: string; unit: string; quantity: number }[];
}

export async function shelterStatuses(token: string): Promise<ShelterStatus[]> {
  return (await call<{ shelters: ShelterStatus[] }>('GET', '/shelters/status', { token })).shelters;
}

export async function arrivals(token: string, bucketMinutes: number): Promise<ArrivalBucket[]> {
  const path = `/shelters/arrivals?bucketMinutes=${bucketMinutes}`;
  return (await call<{ buckets: ArrivalBucket[] }>('GET', path, { token })).buckets;
}

export function householdsAtHome(token: string): Promise<{ alertId: string | null; areas: AreaAtHome[] }> {
  return call('GET', '/shelters/households-at-home', { token });
}

export function needsAssistanceNotAtShelter(
  token: string,
): Promise<{ alertId: string | null; households: NeedsAssistanceAtLarge[] }> {
  return call('GET', '/shelters/needs-assistance', { token });
}

export async function supplies(token: string, days: number): Promise<ShelterSupplies[]> {
  return (await call<{ shelters: ShelterSupplies[] }>('GET', `/shelters/supplies?days=${days}`, { token }))
    .shelters;
}

/** Downloads the report (the route needs the bearer token, so a plain link cannot fetch it). */
export async function downloadReport(token: string, format: 'xml' | 'csv'): Promise<void> {
  const response = await fetch(`/api/v1/shelters/report.${format}`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => {
    throw new OperatorApiError('network', 0);
  });
  if (!response.ok) throw new OperatorApiError('unknown', response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), {
    href: url,
    download: `shelter-report.${format}`,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type AgeGroup = 'infant' | 'child' | 'adult' | 'elderly';

export interface UnresolvedPerson {
  personKey: string;
  shelterId: string;
  checkedInAt: string;
  flag: string | null;
  manual: { name: string; ageGroup: AgeGroup; needsAssistance: boolean } | null;
}

export interface ResidentCandidate {
  residentId: string;
  name: string;
  dateOfBirth: string;
  ageGroup: AgeGroup;
  address: string;
  householdId: string | null;
}

/** People present whom nothing resolves to a resident (hand-entered names: the read is audited). */
export async function unresolvedPeople(token: string): Promise<UnresolvedPerson[]> {
  return (await call<{ people: UnresolvedPerson[] }>('GET', '/shelters/unresolved', { token })).people;
}

/** Residents by part of the name and/or age group (audited). */
export async function searchResidents(
  token: string,
  query: { name?: string; ageGroup?: AgeGroup },
): Promise<ResidentCandidate[]> {
  const params = new URLSearchParams();
  if (query.name) params.set('name', query.name);
  if (query.ageGroup) params.set('ageGroup', query.ageGroup);
  const path = `/shelters/resident-search?${params}`;
  return (await call<{ residents: ResidentCandidate[] }>('GET', path, { token })).residents;
}

export async function matchPerson(token: string, personKey: string, residentId: string): Promise<void> {
  await call('POST', '/shelters/person-matches', { token, body: { personKey, residentId } });
}
