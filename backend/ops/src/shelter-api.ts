// The dashboard's calls for shelters (backend/src/checkins/shelter-view-routes.ts, and the file import of
// backend/src/shelters), typed by the backend's views.
import type { AgeGroup } from '../../src/checkins/age-group.ts';
import type {
  AreaAtHome,
  ArrivalBucket,
  NeedsAssistanceAtLarge,
  ResidentCandidate,
  ShelterStatus,
  ShelterSupplies,
  UnresolvedPerson,
} from '../../src/checkins/view-contracts.ts';
import type { ShelterImportAnswer } from '../../src/shelters/contracts.ts';
import { call, OperatorApiError } from './operator-api.ts';

export type {
  AgeGroup,
  AreaAtHome,
  ArrivalBucket,
  NeedsAssistanceAtLarge,
  ResidentCandidate,
  ShelterImportAnswer,
  ShelterStatus,
  ShelterSupplies,
  UnresolvedPerson,
};

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

/** A municipality's shelter file as published (municipality staff: their own; an admin names the code). */
export function importShelters(
  token: string,
  file: Blob,
  localGovernmentCode?: string,
): Promise<ShelterImportAnswer> {
  const query = localGovernmentCode === undefined ? '' : `?localGovernmentCode=${localGovernmentCode}`;
  return call('POST', `/ops/shelters/import${query}`, { token, file });
}
