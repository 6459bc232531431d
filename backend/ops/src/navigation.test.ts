import { describe, expect, it } from 'vitest';
import { pageIn, sectionAt, sectionsFor } from './navigation.ts';

describe('sectionsFor', () => {
  it('shows the admin every section and the others only theirs', () => {
    expect(sectionsFor('operator-admin').map((s) => s.id)).toEqual([
      'devices',
      'households',
      'alerts',
      'shelters',
      'watch-over',
      'reports',
      'audit',
    ]);
    expect(sectionsFor('municipality-staff').map((s) => s.id)).toEqual([
      'households',
      'alerts',
      'shelters',
      'watch-over',
      'health',
    ]);
    expect(sectionsFor('shelter-staff').map((s) => s.id)).toEqual(['shelters']);
  });
});

describe('sectionAt', () => {
  it('opens a section by its hash only for a role that may see it', () => {
    expect(sectionAt('#/audit', 'operator-admin')?.title).toBe('監査ログ');
    expect(sectionAt('#/audit', 'shelter-staff')).toBeUndefined();
    expect(sectionAt('#/shelters', 'shelter-staff')?.id).toBe('shelters');
    expect(sectionAt('', 'operator-admin')).toBeUndefined();
  });

  it('opens a page within a section', () => {
    expect(sectionAt('#/alerts/new', 'municipality-staff')?.id).toBe('alerts');
    expect(pageIn('#/alerts/0b6c1f4e-8d0a-4c53-9d1e-2f1a7f3b9c11')).toBe(
      '0b6c1f4e-8d0a-4c53-9d1e-2f1a7f3b9c11',
    );
    expect(pageIn('#/alerts')).toBe('');
  });
});
