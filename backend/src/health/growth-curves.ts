// Growth reference curves (乳幼児身体発育曲線) and where a child's measurement lies on them, in words. The 2023
// survey is the default (令和7年度版 母子健康手帳); the 2010 survey is an option only where its numbers exist.
// A band's values describe children inside the band, so they are plotted at its midpoint (birth and 30 days
// are points); a child's age between two plot ages reads the curves linearly interpolated.
import { survey2010 } from './growth-survey-2010.ts';
import { survey2023 } from './growth-survey-2023.ts';

export const growthMeasures = ['weight', 'height', 'head'] as const;
export type GrowthMeasure = (typeof growthMeasures)[number];
export type Sex = 'male' | 'female';
export const growthEditions = ['2023', '2010'] as const;
export type GrowthEdition = (typeof growthEditions)[number];

/** measure, sex, band from (months), band to (months, exclusive; equal to from for a point), label, values. */
export type GrowthRow = readonly [GrowthMeasure, Sex, number, number, string, readonly number[]];

const editions: Record<GrowthEdition, { percentiles: readonly number[]; rows: readonly GrowthRow[] }> = {
  '2023': { percentiles: [3, 10, 25, 50, 75, 90, 97], rows: survey2023 },
  '2010': { percentiles: [3, 50, 97], rows: survey2010 },
};

export interface GrowthCurves {
  edition: GrowthEdition;
  measure: GrowthMeasure;
  sex: Sex;
  unit: 'kg' | 'cm';
  percentiles: readonly number[];
  /** One point per band, by age: the value of each percentile, in the order of `percentiles`. */
  points: { ageMonths: number; label: string; values: readonly number[] }[];
}

/** The curves of one edition, measure and sex; undefined where that edition has no numbers. */
export function growthCurves(
  edition: GrowthEdition,
  measure: GrowthMeasure,
  sex: Sex,
): GrowthCurves | undefined {
  const { percentiles, rows } = editions[edition];
  const points = rows
    .filter(([m, s]) => m === measure && s === sex)
    .map(([, , from, to, label, values]) => ({ ageMonths: (from + to) / 2, label, values }))
    .sort((a, b) => a.ageMonths - b.ageMonths);
  if (points.length === 0) return undefined;
  return { edition, measure, sex, unit: measure === 'weight' ? 'kg' : 'cm', percentiles, points };
}

const daysPerMonth = 365.25 / 12;

/** Age in months (fractional) on a date, from the birth date (both YYYY-MM-DD). */
export function ageInMonths(birthDate: string, on: string): number {
  return (Date.parse(on) - Date.parse(birthDate)) / 86_400_000 / daysPerMonth;
}

/** The percentile values at an age, interpolated between plot points; undefined outside the curves' ages. */
export function percentilesAt(curves: GrowthCurves, ageMonths: number): readonly number[] | undefined {
  const { points } = curves;
  const after = points.findIndex((p) => p.ageMonths >= ageMonths);
  if (after === -1 || (after === 0 && (points[0] as { ageMonths: number }).ageMonths > ageMonths)) {
    return undefined;
  }
  const hi = points[after] as (typeof points)[number];
  if (hi.ageMonths === ageMonths || after === 0) return hi.values;
  const lo = points[after - 1] as (typeof points)[number];
  const share = (ageMonths - lo.ageMonths) / (hi.ageMonths - lo.ageMonths);
  return hi.values.map((v, i) => (lo.values[i] as number) + (v - (lo.values[i] as number)) * share);
}

export interface GrowthPosition {
  /** The percentiles the value lies between (lower inclusive); null below the lowest or at/above the highest. */
  lower: number | null;
  upper: number | null;
  /** Said and shown as is: 「50〜75パーセンタイルの間」, 「3パーセンタイル未満」, 「97パーセンタイル以上」. */
  words: string;
}

/**
 * Where a value lies among the percentile values, in words. Never a judgement ("abnormal"): only the band,
 * as the handbook does; a value equal to a percentile counts into the band above it (== p3 is 3〜10).
 */
export function describePosition(
  percentiles: readonly number[],
  values: readonly number[],
  value: number,
): GrowthPosition {
  const first = percentiles[0] as number;
  const last = percentiles[percentiles.length - 1] as number;
  if (value < (values[0] as number))
    return { lower: null, upper: first, words: `${first}パーセンタイル未満` };
  if (value >= (values[values.length - 1] as number))
    return { lower: last, upper: null, words: `${last}パーセンタイル以上` };
  const i = values.findIndex((v, k) => value >= v && value < (values[k + 1] as number));
  const lower = percentiles[i] as number;
  const upper = percentiles[i + 1] as number;
  return { lower, upper, words: `${lower}〜${upper}パーセンタイルの間` };
}

/** Where a child's measurement lies on an edition's curves; undefined where the edition has no curve there. */
export function growthPosition(options: {
  edition?: GrowthEdition;
  measure: GrowthMeasure;
  sex: Sex;
  ageMonths: number;
  value: number;
}): GrowthPosition | undefined {
  const curves = growthCurves(options.edition ?? '2023', options.measure, options.sex);
  if (curves === undefined) return undefined;
  const values = percentilesAt(curves, options.ageMonths);
  return values && describePosition(curves.percentiles, values, options.value);
}
