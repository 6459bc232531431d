import { describe, expect, it } from 'vitest';
import { createShelterAssigner } from './assign-shelters.ts';
import { registry, site, welfareShelter } from './targeting.test-support.ts';

const home = { latitude: 33.73, longitude: 134.53 };

describe('createShelterAssigner', () => {
  it('gives the nearest open site designated for the hazard, with distance and direction', () => {
    const shelters = registry([
      site('near-flood-only', 33.731, 134.53, { hazards: ['flood'] }),
      site('closed', 33.7305, 134.53),
      site('north-east', 33.74, 134.54),
      site('far', 33.8, 134.6),
    ]);
    shelters.setStatus('closed', { open: false });
    const assignment = createShelterAssigner(shelters, ['tsunami']).assign(home, 1, false);
    expect(assignment?.shelter.id).toBe('north-east');
    expect(assignment?.direction).toBe('NE');
    expect(assignment?.distanceMetres).toBeGreaterThan(1400);
    expect(assignment?.distanceMetres).toBeLessThan(1500);
    expect(createShelterAssigner(shelters, null).assign(home, 1, false)?.shelter.id).toBe('near-flood-only');
  });

  it('fills a site up to its capacity minus the people already there, then sends to the next', () => {
    const shelters = registry([
      site('school', 33.731, 134.53, { capacity: { people: 200, text: '約200人' } }),
      site('hall', 33.76, 134.53, { capacity: { people: null, text: '体育館' } }),
    ]);
    shelters.setStatus('school', { occupancy: 190 });
    const assigner = createShelterAssigner(shelters, ['tsunami']);
    const sent = Array.from({ length: 5 }, () => assigner.assign(home, 4, false)?.shelter.id);
    expect(sent).toEqual(['school', 'school', 'hall', 'hall', 'hall']);
    // 2 places left: a household of 3 goes on, one of 2 still fits.
    expect(assigner.assign(home, 3, false)?.shelter.id).toBe('hall');
    expect(assigner.assign(home, 2, false)?.shelter.id).toBe('school');
    expect(assigner.assign(home, 1, false)?.shelter.id).toBe('hall');
  });

  it('sends households needing a welfare shelter to one, others never', () => {
    const shelters = registry([site('general', 33.735, 134.53), welfareShelter('care', 33.731, 134.53)]);
    const assigner = createShelterAssigner(shelters, ['tsunami']);
    expect(assigner.assign(home, 1, true)).toMatchObject({ shelter: { id: 'care' }, welfareFallback: false });
    expect(assigner.assign(home, 1, false)?.shelter.id).toBe('general');
  });

  it('falls back to a general site when no welfare shelter is open, and says so', () => {
    const shelters = registry([site('general', 33.735, 134.53), welfareShelter('care', 33.731, 134.53)]);
    shelters.setStatus('care', { open: false });
    expect(createShelterAssigner(shelters, ['tsunami']).assign(home, 1, true)).toMatchObject({
      shelter: { id: 'general' },
      welfareFallback: true,
    });
  });

  it('gives nothing when no site fits', () => {
    const shelters = registry([site('flood-only', 33.735, 134.53, { hazards: ['flood'] })]);
    expect(createShelterAssigner(shelters, ['tsunami']).assign(home, 1, false)).toBeNull();
  });
});
