import { describe, expect, it } from 'vitest';
import { demoHolders } from '../dev-jpki/index.ts';
import { householdSchema, isLocalGovernmentCode } from '../devices/index.ts';
import { defaultDemoHouseholdCount, demoHouseholds } from './demo-households.ts';
import { demoSettlements } from './demo-town.ts';

describe('demoHouseholds', () => {
  const households = demoHouseholds();

  it('is the same town every time, with unique keys', () => {
    expect(demoHouseholds()).toEqual(households);
    expect(households).toHaveLength(defaultDemoHouseholdCount);
    expect(new Set(households.map((h) => h.key)).size).toBe(households.length);
  });

  it('puts the three card holders at their certificates’ addresses', () => {
    const holders = households.filter((h) => h.holderId !== undefined);
    expect(holders.map((h) => h.holderId)).toEqual(demoHolders.map((h) => h.id));
    for (const [i, home] of holders.entries()) {
      expect(home.household.address).toBe(demoHolders[i]?.basicInfo.address);
      expect(home.members[0]?.name).toBe(demoHolders[i]?.basicInfo.name);
    }
    const suzuki = holders.find((h) => h.holderId === 'suzuki-ichiro');
    expect(suzuki?.members[0]?.needs).toContain('welfare-shelter');
    expect(suzuki?.household.members[0]?.needsAssistance).toBe(true);
  });

  it('places every household in 美波町 363871, in a 大字 with a 町字-like id, valid for enrolment', () => {
    const machiazaIds = new Set(demoSettlements().map((s) => s.machiazaId));
    for (const { household } of households) {
      expect(isLocalGovernmentCode(household.localGovernmentCode)).toBe(true);
      expect(household.localGovernmentCode).toBe('363871');
      expect(machiazaIds.has(household.machiazaId ?? '')).toBe(true);
      // The town lies within about 33.69–33.83 N, 134.45–134.70 E.
      expect(household.latitude).toBeGreaterThan(33.69);
      expect(household.latitude).toBeLessThan(33.83);
      expect(household.longitude).toBeGreaterThan(134.45);
      expect(household.longitude).toBeLessThan(134.7);
      expect(householdSchema.safeParse(household).success).toBe(true);
    }
  });

  it('has elderly people, people needing help of each kind, and supporters', () => {
    const needs = households.flatMap((h) => h.members.flatMap((m) => m.needs));
    for (const need of [
      'elderly',
      'mobility',
      'hearing',
      'visual',
      'welfare-shelter',
      'supporter',
    ] as const) {
      expect(needs.filter((n) => n === need).length, need).toBeGreaterThan(0);
    }
    const helped = households.filter((h) => h.household.members.some((m) => m.needsAssistance));
    expect(helped.length).toBeGreaterThan(households.length * 0.05);
    expect(helped.length).toBeLessThan(households.length * 0.5);
  });

  it('pairs supporters with a neighbour needing help, has a few English speakers and mostly names consent', () => {
    const byKey = new Map(households.map((h, i) => [h.key, { ...h, index: i }]));
    const supporters = households.filter((h) => h.supports.length > 0);
    expect(supporters.length).toBeGreaterThan(3);
    for (const [index, supporter] of households.entries()) {
      for (const key of supporter.supports) {
        const supported = byKey.get(key);
        expect(supported?.index).toBeLessThan(index);
        expect(supported?.settlement).toBe(supporter.settlement);
        expect(supported?.household.members.some((m) => m.needsAssistance)).toBe(true);
      }
      if (supporter.supports.length > 0) {
        expect(supporter.members.some((m) => m.needs.includes('supporter'))).toBe(true);
      }
    }
    const english = households.filter((h) => h.household.language === 'en').length;
    expect(english).toBeGreaterThan(0);
    expect(english).toBeLessThan(households.length * 0.1);
    const consent = households.filter((h) => h.household.namesConsent).length;
    expect(consent).toBeGreaterThan(households.length * 0.5);
    expect(consent).toBeLessThan(households.length);
    const suzuki = households.find((h) => h.holderId === 'suzuki-ichiro');
    expect(suzuki?.household.needs).toMatchObject({ elderly: true, mobility: true, welfareShelter: true });
  });

  it('refuses fewer households than card holders', () => {
    expect(() => demoHouseholds(2)).toThrow(RangeError);
  });
});
