// The dashboard's calls for alerts: the ops read routes (backend/src/alert-tallies), the compose form
// (backend/src/alerts) and the names of a municipality's 町字 it offers (backend/src/areas). Types come from the backend's contract modules, which import nothing but zod.
import type {
  AlertDetail,
  AlertMap,
  AlertSummary,
  NeedsAssistance,
} from '../../src/alert-tallies/contracts.ts';
import type { ComposeAlertForm } from '../../src/alerts/contracts.ts';
import type { MunicipalityAreas } from '../../src/areas/contracts.ts';
import { call } from './operator-api.ts';

export type { AlertCounts, HouseholdState } from '../../src/alert-tallies/contracts.ts';
export type { AlertDetail, AlertMap, AlertSummary, ComposeAlertForm, MunicipalityAreas, NeedsAssistance };

/** The answer of the compose route (ingestAnswerSchema). */
export interface ComposedAlertAnswer {
  id: string;
  thread: string;
  outcome: string;
  state: string;
  targeted: number;
  pushSeq: number | null;
}

export async function listAlerts(token: string): Promise<AlertSummary[]> {
  return (await call<{ alerts: AlertSummary[] }>('GET', '/ops/alerts', { token })).alerts;
}

export function alertDetail(token: string, id: string): Promise<AlertDetail> {
  return call('GET', `/ops/alerts/${encodeURIComponent(id)}`, { token });
}

export function alertMap(token: string, id: string): Promise<AlertMap> {
  return call('GET', `/ops/alerts/${encodeURIComponent(id)}/map`, { token });
}

export async function needsAssistance(token: string, id: string): Promise<NeedsAssistance[]> {
  const path = `/ops/alerts/${encodeURIComponent(id)}/needs-assistance`;
  return (await call<{ households: NeedsAssistance[] }>('GET', path, { token })).households;
}

export function composeAlert(token: string, form: ComposeAlertForm): Promise<ComposedAlertAnswer> {
  return call('POST', '/ops/alerts/compose', { token, body: form });
}

/** A municipality's named 町字 (municipality staff: their own when `localGovernmentCode` is not given). */
export function municipalityAreas(token: string, localGovernmentCode?: string): Promise<MunicipalityAreas> {
  const query = localGovernmentCode === undefined ? '' : `?localGovernmentCode=${localGovernmentCode}`;
  return call('GET', `/ops/areas${query}`, { token });
}
