// Builders for targeting tests: households, alerts in the internal model, a small shelter registry. Places
// are around 美波町 (363871) so the alert parser's Japan checks hold.
import type { Alert, AlertArea, AlertInfo } from '../alerts/index.ts';
import { createShelterRegistry } from '../shelters/index.ts';
import { noNeeds, type TargetHousehold } from './household.ts';

export const minami = '363871';

export function household(
  id: string,
  latitude: number,
  longitude: number,
  over: Partial<TargetHousehold> = {},
) {
  return {
    id,
    latitude,
    longitude,
    localGovernmentCode: minami,
    machiazaId: null,
    people: 1,
    needs: noNeeds,
    supports: [],
    language: 'ja',
    names: [],
    namesConsent: false,
    ...over,
  } satisfies TargetHousehold;
}

export function area(over: Partial<AlertArea> = {}): AlertArea {
  return { desc: 'test area', polygons: [], circles: [], geocodes: [], ...over };
}

export function info(areas: AlertArea[], over: Partial<AlertInfo> = {}): AlertInfo {
  return {
    language: 'ja-JP',
    category: ['Safety'],
    event: '避難指示',
    responseType: ['Evacuate'],
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Likely',
    level: 4,
    issueOrLift: 'issue',
    senderName: null,
    headline: null,
    description: null,
    instruction: null,
    effective: null,
    onset: null,
    expires: '2026-11-24T22:00:00+09:00',
    eventCodes: [],
    parameters: [],
    resources: [],
    areas,
    ...over,
  };
}

export function alert(infos: AlertInfo[], over: Partial<Alert> = {}): Alert {
  return {
    source: 'cap',
    identifier: 'JP-363871-0001',
    sender: 'bousai@town.minami.example.jp',
    sent: '2026-11-24T10:00:00+09:00',
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    references: [],
    series: null,
    note: null,
    signature: { present: false, valid: false, signer: null },
    infos,
    problems: [],
    ...over,
  };
}

/** A square ring (lat,lon) from south-west to north-east corner. */
export const square = (south: number, west: number, north: number, east: number) => [
  { lat: south, lon: west },
  { lat: north, lon: west },
  { lat: north, lon: east },
  { lat: south, lon: east },
  { lat: south, lon: west },
];

const source = { publisher: 'test', title: 'test', url: 'https://example.jp/', credit: 'test' };

export function registry(sites: unknown[]) {
  return createShelterRegistry({
    title: 'test',
    localGovernmentCode: minami,
    prefecture: '徳島県',
    municipality: '美波町',
    source,
    sites,
  });
}

export const site = (
  id: string,
  latitude: number,
  longitude: number,
  over: Record<string, unknown> = {},
) => ({
  id,
  kind: 'emergency-site',
  name: `避難場所${id}`,
  address: '徳島県美波町',
  latitude,
  longitude,
  hazards: ['flood', 'landslide', 'earthquake', 'tsunami'],
  sameAddressAsShelter: false,
  ...over,
});

export const welfareShelter = (id: string, latitude: number, longitude: number) => ({
  id,
  kind: 'evacuation-shelter',
  name: `福祉避難所${id}`,
  address: '徳島県美波町',
  latitude,
  longitude,
  acceptedPeople: '要配慮者',
  sameAddressAsEmergencySite: false,
});
