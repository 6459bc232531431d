import { describe, expect, it } from 'vitest';
import { minamiTownShelters } from './minami-town.ts';

describe('minamiTownShelters', () => {
  const registry = minamiTownShelters();

  it('holds 美波町 363871: 41 指定避難所 and 35 指定緊急避難場所, credited to 国土地理院', () => {
    const kinds = registry.all().map((s) => s.kind);
    expect(kinds.filter((k) => k === 'evacuation-shelter')).toHaveLength(41);
    expect(kinds.filter((k) => k === 'emergency-site')).toHaveLength(35);
    expect(registry.localGovernmentCode).toBe('363871');
    expect(registry.source.publisher).toBe('国土地理院');
  });

  it('keeps the published facts of a site, its floor note split from the name', () => {
    const site = registry.get('E3638700010201');
    expect(site).toMatchObject({
      kind: 'emergency-site',
      name: '日和佐公民館',
      note: '洪水時、津波時、高潮時は２階以上に避難',
      address: '徳島県美波町奥河内字寺前153-1',
      latitude: 33.731103,
      longitude: 134.533055,
      hazards: ['flood', 'landslide', 'storm-surge', 'earthquake', 'tsunami'],
    });
  });

  it('marks the 5 shelters for people needing care (受入対象者 要配慮者)', () => {
    const care = registry.nearest(
      { latitude: 33.75, longitude: 134.55 },
      { forPeopleNeedingCare: true, limit: 10 },
    );
    expect(care).toHaveLength(5);
  });

  it('finds tsunami sites near 阿部 (the drill district) only among those designated for tsunami', () => {
    const abe = { latitude: 33.7901, longitude: 134.6393 };
    const [first] = registry.nearest(abe, { hazard: 'tsunami' });
    expect(first?.shelter.kind).toBe('emergency-site');
    expect(first?.shelter.kind === 'emergency-site' && first.shelter.hazards).toContain('tsunami');
    // 阿部校 and 阿部公民館 are not tsunami sites.
    expect(first?.shelter.name.startsWith('阿部')).toBe(false);
  });
});
