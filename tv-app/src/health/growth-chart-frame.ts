// What the growth chart shows: the age span (from birth to a little past the child's last measurement, in
// steps of a year; the first year alone for a baby), the value span that holds the curves and the child's
// points, and round ticks on both axes. Pure, so the drawing and the tests share it.
import type { GrowthCurves } from '../api/bridge-client.ts';
import { ja } from '../texts/ja.ts';

export interface Tick {
  at: number;
  label: string;
}

export interface ChartFrame {
  /** Months of age at the right edge (the left edge is birth). */
  ageMax: number;
  valueMin: number;
  valueMax: number;
  ageTicks: Tick[];
  valueTicks: Tick[];
}

export interface ChildPoint {
  ageMonths: number;
  value: number;
}

/** The curves' percentile values at an age, linearly between plot points; clamped to the curves' ends. */
export function valuesAt(curves: GrowthCurves, ageMonths: number): readonly number[] {
  const { points } = curves;
  const after = points.findIndex((p) => p.ageMonths >= ageMonths);
  if (after === -1) return (points[points.length - 1] as GrowthCurves['points'][number]).values;
  const hi = points[after] as GrowthCurves['points'][number];
  if (after === 0 || hi.ageMonths === ageMonths) return hi.values;
  const lo = points[after - 1] as GrowthCurves['points'][number];
  const share = (ageMonths - lo.ageMonths) / (hi.ageMonths - lo.ageMonths);
  return hi.values.map((v, i) => (lo.values[i] as number) + (v - (lo.values[i] as number)) * share);
}

/** The curves' plot points up to `ageMax`, ending exactly there. */
export function pointsUpTo(
  curves: GrowthCurves,
  ageMax: number,
): { ageMonths: number; values: readonly number[] }[] {
  const inside = curves.points.filter((p) => p.ageMonths < ageMax);
  return [...inside, { ageMonths: ageMax, values: valuesAt(curves, ageMax) }];
}

function ageSpan(curves: GrowthCurves, children: readonly ChildPoint[]): number {
  const last = (curves.points[curves.points.length - 1] as GrowthCurves['points'][number]).ageMonths;
  const oldest = Math.max(0, ...children.map((p) => p.ageMonths));
  // A little room after the last point, so it is not drawn on the edge.
  const wanted = Math.max(12, Math.ceil((oldest + 2) / 12) * 12);
  return Math.min(wanted, Math.floor(last));
}

function ageTicksOf(ageMax: number): Tick[] {
  const step = ageMax <= 12 ? 3 : ageMax <= 24 ? 6 : 12;
  const ticks: Tick[] = [];
  for (let at = 0; at <= ageMax; at += step) {
    const label = at === 0 ? '0' : at % 12 === 0 ? ja.health.ageYears(at / 12, 0) : ja.health.ageMonths(at);
    ticks.push({ at, label });
  }
  return ticks;
}

const valueSteps = [0.5, 1, 2, 5, 10, 20];

function valueTicksOf(min: number, max: number, unit: string) {
  const step = valueSteps.find((s) => (max - min) / s <= 6) ?? 20;
  const valueMin = Math.floor(min / step) * step;
  const valueMax = Math.ceil(max / step) * step;
  const ticks: Tick[] = [];
  for (let at = valueMin; at <= valueMax + 1e-9; at += step) {
    ticks.push({ at: Math.round(at * 10) / 10, label: `${Math.round(at * 10) / 10}${unit}` });
  }
  return { valueMin, valueMax, ticks };
}

export function chartFrame(curves: GrowthCurves, children: readonly ChildPoint[]): ChartFrame {
  const ageMax = ageSpan(curves, children);
  const shown = pointsUpTo(curves, ageMax);
  const inSpan = children.filter((p) => p.ageMonths <= ageMax);
  const lows = [...shown.map((p) => p.values[0] as number), ...inSpan.map((p) => p.value)];
  const highs = [...shown.map((p) => p.values[p.values.length - 1] as number), ...inSpan.map((p) => p.value)];
  const { valueMin, valueMax, ticks } = valueTicksOf(Math.min(...lows), Math.max(...highs), curves.unit);
  return { ageMax, valueMin, valueMax, ageTicks: ageTicksOf(ageMax), valueTicks: ticks };
}
