import { describe, expect, it } from 'vitest';
import { describePosition, growthCurves, growthPosition, percentilesAt } from './growth-curves.ts';
import { dueDoses } from './immunisation-schedule.ts';

describe('growth curves', () => {
  it('has the 2023 bands 3-97 for both sexes, 2010 only where its numbers exist', () => {
    const girls = growthCurves('2023', 'weight', 'female');
    expect(girls?.percentiles).toEqual([3, 10, 25, 50, 75, 90, 97]);
    expect(girls?.points[0]).toEqual({
      ageMonths: 0,
      label: '出生時（生後0日）',
      values: [2.22, 2.46, 2.7, 2.95, 3.21, 3.44, 3.66],
    });
    expect(growthCurves('2023', 'height', 'male')?.points.at(-1)?.ageMonths).toBe(75);
    expect(growthCurves('2023', 'head', 'male')?.points.at(-1)?.ageMonths).toBe(33);
    expect(growthCurves('2010', 'weight', 'male')?.percentiles).toEqual([3, 50, 97]);
    expect(growthCurves('2010', 'height', 'female')).toBeUndefined();
  });

  it('reads the curves at a band midpoint and between two', () => {
    const boys = growthCurves('2023', 'weight', 'male');
    if (boys === undefined) throw new Error('no curves');
    // 11〜12か月未満 p50 9.0 kg (plotted at 11.5 months).
    expect(percentilesAt(boys, 11.5)?.[3]).toBe(9.0);
    const between = percentilesAt(boys, 13.25)?.[3] ?? 0;
    expect(between).toBeCloseTo(9.0 + (9.66 - 9.0) * (1.75 / 3.5), 6);
    expect(percentilesAt(boys, 100)).toBeUndefined();
  });

  it('says where a value lies in words, never a judgement; a value on a line counts into the band above', () => {
    const p = [3, 10, 25, 50, 75, 90, 97];
    const v = [1, 2, 3, 4, 5, 6, 7];
    expect(describePosition(p, v, 4.5).words).toBe('50〜75パーセンタイルの間');
    expect(describePosition(p, v, 1).words).toBe('3〜10パーセンタイルの間');
    expect(describePosition(p, v, 0.9).words).toBe('3パーセンタイル未満');
    expect(describePosition(p, v, 7).words).toBe('97パーセンタイル以上');
    // A boy of 11.5 months weighing 9.2 kg: between p50 9.0 and p75 9.59.
    expect(growthPosition({ measure: 'weight', sex: 'male', ageMonths: 11.5, value: 9.2 })?.words).toBe(
      '50〜75パーセンタイルの間',
    );
    expect(
      growthPosition({ edition: '2010', measure: 'weight', sex: 'male', ageMonths: 11.5, value: 9.2 })?.words,
    ).toBe('50〜97パーセンタイルの間');
  });
});

describe('routine immunisation schedule', () => {
  it('lists the first doses at 2 months, next due first, then follows the doses given and the intervals', () => {
    const birthDate = '2026-01-10';
    const none = dueDoses({ birthDate, sex: 'female', given: [], today: '2026-02-01' });
    expect(none.slice(0, 4).map((d) => [d.vaccine, d.dose, d.dueOn])).toEqual([
      ['dpt_ipv_hib', 1, '2026-03-10'],
      ['hepb', 1, '2026-03-10'],
      ['pcv', 1, '2026-03-10'],
      ['rota', 1, '2026-03-10'],
    ]);
    expect(none.find((d) => d.vaccine === 'mr2')?.dueOn).toBe('2031-04-01');
    expect(none.find((d) => d.vaccine === 'hpv')?.dueOn).toBe('2038-04-01');
    expect(
      dueDoses({ birthDate, sex: 'male', given: [], today: '2026-02-01' }).some((d) => d.vaccine === 'hpv'),
    ).toBe(false);
    const given = [
      { vaccine: 'hepb', dose: 1, date: '2026-03-20' },
      { vaccine: 'pcv', dose: 1, date: '2026-03-20', nextDoseOn: '2026-05-01' },
    ];
    const later = dueDoses({ birthDate, sex: 'female', given, today: '2026-04-01' });
    // hepb 2: 3 months of age (2026-04-10) is later than 27 days after dose 1 (2026-04-16)? No: the interval wins.
    expect(later.find((d) => d.vaccine === 'hepb')).toMatchObject({ dose: 2, dueOn: '2026-04-16' });
    // pcv 2: the clinic's next-dose date (2026-05-01) is after the rules' earliest (2026-04-16).
    expect(later.find((d) => d.vaccine === 'pcv')).toMatchObject({ dose: 2, dueOn: '2026-05-01' });
    // Past the legal window (rota closes at 24 weeks), a dose is no longer listed.
    expect(
      dueDoses({ birthDate, sex: 'female', given: [], today: '2026-07-01' }).some(
        (d) => d.vaccine === 'rota',
      ),
    ).toBe(false);
  });

  it('MR 2期 opens on April 1 of 年長 (an April 1 birthday starts school a year earlier)', () => {
    const mr2 = (birthDate: string) =>
      dueDoses({ birthDate, sex: 'male', given: [], today: '2026-01-01' }).find((d) => d.vaccine === 'mr2')
        ?.dueOn;
    expect(mr2('2021-04-01')).toBe('2026-04-01');
    expect(mr2('2021-04-02')).toBe('2027-04-01');
  });
});
