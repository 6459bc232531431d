// The dashboard's calls for 母子健康 利用申込み review (backend/src/health/health-routes.ts): the municipality's
// applications (the read is audited) and its decision. Types come from the backend's view contracts.
import type {
  ChildIdentifier,
  LinkApplication,
  LinkApplicationState,
  LinkDecision,
} from '../../src/health/view-contracts.ts';
import { call } from './operator-api.ts';

export type { ChildIdentifier, LinkApplication, LinkApplicationState, LinkDecision };

/** The staff member's municipality's applications, pending first, then newest. */
export async function linkApplications(token: string): Promise<LinkApplication[]> {
  return (await call<{ applications: LinkApplication[] }>('GET', '/health/link-applications', { token }))
    .applications;
}

export function decideLinkApplication(
  token: string,
  applicationId: string,
  decision: LinkDecision,
): Promise<LinkApplication> {
  const path = `/health/link-applications/${encodeURIComponent(applicationId)}/decision`;
  return call('POST', path, { token, body: decision });
}
