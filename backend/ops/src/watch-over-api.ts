// The dashboard's calls for a household's watch-over consent (backend/src/watch-over/watch-over-routes.ts):
// find the household, read, record (replace) and withdraw its consent. Reads are audited by the backend.
import type { Consent, ConsentInput, HouseholdMatch } from '../../src/watch-over/contracts.ts';
import { call, OperatorApiError } from './operator-api.ts';

export type { Consent, ConsentInput, HouseholdMatch };

/** Households of the staff member's municipality by part of the address or a member's name. */
export async function searchHouseholds(token: string, text: string): Promise<HouseholdMatch[]> {
  const path = `/ops/watch-over/households?${new URLSearchParams({ q: text })}`;
  return (await call<{ households: HouseholdMatch[] }>('GET', path, { token })).households;
}

const consentPath = (householdId: string) => `/households/${encodeURIComponent(householdId)}/watch-over`;

/** The household's consent; null when none was ever recorded. */
export async function readConsent(token: string, householdId: string): Promise<Consent | null> {
  try {
    return await call<Consent>('GET', consentPath(householdId), { token });
  } catch (error) {
    if (error instanceof OperatorApiError && error.code === 'watch-over.not-enrolled') return null;
    throw error;
  }
}

export function recordConsent(token: string, householdId: string, input: ConsentInput): Promise<Consent> {
  return call('PUT', consentPath(householdId), { token, body: input });
}

export async function withdrawConsent(token: string, householdId: string): Promise<void> {
  await call('DELETE', consentPath(householdId), { token });
}
