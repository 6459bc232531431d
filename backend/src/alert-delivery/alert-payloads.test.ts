import {
  createHouseholdIndex,
  minamiTownShelters,
  noNeeds,
  parseAlert,
  type TargetHousehold,
  targetAlert,
  targetingStep,
} from '@myna-tv/disaster';
import { describe, expect, it } from 'vitest';
import { encodeAlertPayload, renderPayloads } from './alert-payloads.ts';
import { capXml, hiwasaPolygon } from './delivery-test-support.ts';

describe('renderPayloads', () => {
  it('composes and encodes in steps of a thousand households what targeting composed', () => {
    const households = Array.from(
      { length: 2500 },
      (_, i): TargetHousehold => ({
        id: `h${i}`,
        latitude: 33.721 + (i % 50) * 0.0005,
        longitude: 134.521 + Math.floor(i / 50) * 0.0005,
        localGovernmentCode: '363871',
        machiazaId: null,
        people: 1,
        needs: i % 7 === 0 ? { ...noNeeds, elderly: true } : noNeeds,
        supports: [],
        language: 'ja',
        names: [],
        namesConsent: false,
      }),
    );
    const { index } = createHouseholdIndex(households);
    const shelters = minamiTownShelters();
    const alert = parseAlert(capXml({ level: 4, polygon: hiwasaPolygon }));
    const targeted = targetAlert(alert, { households: index, shelters });
    const recipients = targeted.deliveries.map(({ householdId, payload }) => ({
      householdId,
      role: payload.role,
      kind: payload.kind,
      priority: payload.priority,
      shelterId: payload.shelter?.id ?? null,
    }));
    const plan = { alert, thread: alert.identifier, recipients, withdrawn: null };

    const steps = renderPayloads(plan, index, shelters);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBe(Math.floor(2500 / targetingStep));
    const encoded = targeted.deliveries.map((d) => [d.householdId, encodeAlertPayload(d.payload).json]);
    expect([...step.value].map(([id, payload]) => [id, payload.json])).toEqual(encoded);
  });
});
