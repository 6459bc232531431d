import { describe, expect, it } from 'vitest';
import { ShelterError } from './shelter-error.ts';
import { createShelterRegistry } from './shelter-registry.ts';

const source = {
  publisher: '国土地理院',
  title: '指定緊急避難場所・指定避難所データ',
  url: 'https://www.gsi.go.jp/bousaichiri/hinanbasho.html',
  credit: '出典：国土地理院',
};

const site = (id: string, latitude: number, hazards: string[]) => ({
  id,
  kind: 'emergency-site',
  name: `site ${id}`,
  address: '徳島県美波町',
  latitude,
  longitude: 134.5,
  hazards,
  sameAddressAsShelter: false,
});

const shelter = (id: string, latitude: number, acceptedPeople?: '要配慮者') => ({
  id,
  kind: 'evacuation-shelter',
  name: `shelter ${id}`,
  address: '徳島県美波町',
  latitude,
  longitude: 134.5,
  ...(acceptedPeople ? { acceptedPeople } : {}),
  sameAddressAsEmergencySite: false,
});

const dataset = (sites: unknown[]) => ({
  title: 'test',
  localGovernmentCode: '363871',
  prefecture: '徳島県',
  municipality: '美波町',
  source,
  sites,
});

const registry = createShelterRegistry(
  dataset([
    site('E3638700000201', 33.7, ['tsunami', 'earthquake']),
    site('E3638700000202', 33.71, ['flood']),
    site('E3638700000203', 33.75, ['tsunami']),
    shelter('E3638700000111', 33.701),
    shelter('E3638700000121', 33.73, '要配慮者'),
  ]),
);

describe('createShelterRegistry', () => {
  it('finds a site by 共通ID', () => {
    expect(registry.get('E3638700000202')?.name).toBe('site E3638700000202');
    expect(registry.get('E3638700099999')).toBeUndefined();
    expect(registry.all()).toHaveLength(5);
  });

  it('lists the nearest sites first, within the limit', () => {
    const nearest = registry.nearest({ latitude: 33.7, longitude: 134.5 }, { limit: 2 });
    expect(nearest.map((n) => n.shelter.id)).toEqual(['E3638700000201', 'E3638700000111']);
    expect(nearest[0]?.distanceMetres).toBe(0);
  });

  it('offers for a hazard only 指定緊急避難場所 designated for it', () => {
    const nearest = registry.nearest({ latitude: 33.709, longitude: 134.5 }, { hazard: 'tsunami', limit: 5 });
    expect(nearest.map((n) => n.shelter.id)).toEqual(['E3638700000201', 'E3638700000203']);
  });

  it('filters by kind and by 受入対象者 要配慮者', () => {
    const point = { latitude: 33.7, longitude: 134.5 };
    expect(registry.nearest(point, { kind: 'evacuation-shelter', limit: 5 })).toHaveLength(2);
    const care = registry.nearest(point, { forPeopleNeedingCare: true });
    expect(care.map((n) => n.shelter.id)).toEqual(['E3638700000121']);
  });

  it('refuses a data set with an unknown hazard, a bad field or a repeated 共通ID', () => {
    expect(() => createShelterRegistry(dataset([site('E3638700000201', 33.7, ['meteor'])]))).toThrow(
      ShelterError,
    );
    expect(() => createShelterRegistry(dataset([{ ...shelter('E 1', 33.7) }]))).toThrow(/sites\.0\.id/);
    expect(() =>
      createShelterRegistry(dataset([shelter('E3638700000111', 33.7), shelter('E3638700000111', 33.8)])),
    ).toThrow(/appears twice/);
  });

  it('keeps each site open and empty until told otherwise, and refuses nonsense states', () => {
    const own = createShelterRegistry(dataset([site('E3638700000201', 33.7, ['tsunami'])]));
    expect(own.status('E3638700000201')).toEqual({ open: true, occupancy: 0 });
    expect(own.setStatus('E3638700000201', { occupancy: 12 })).toEqual({ open: true, occupancy: 12 });
    expect(own.setStatus('E3638700000201', { open: false })).toEqual({ open: false, occupancy: 12 });
    expect(own.status('nope')).toBeUndefined();
    expect(() => own.setStatus('nope', { open: false })).toThrow(/no site/);
    expect(() => own.setStatus('E3638700000201', { occupancy: -1 })).toThrow(/not a count/);
    expect(own.status('E3638700000201')).toEqual({ open: false, occupancy: 12 });
  });
});
