// A child's record as the screens say it: the latest measurement with its place on the curves, the checkups
// newest first, and the immunisations with the doses due first (next due at the top) then those given.
import type { ChildRecordView, GrowthMeasure } from '../api/bridge-client.ts';
import { ja } from '../texts/ja.ts';
import { warekiDate } from '../texts/japanese-dates.ts';
import { ageText } from './child-age.ts';

export type ChartMeasure = Extract<GrowthMeasure, 'weight' | 'height'>;

const byDate =
  <T>(dateOf: (item: T) => string) =>
  (a: T, b: T) =>
    dateOf(a).localeCompare(dateOf(b));

/** The child's measurements of one kind, oldest first. */
export function measurementsOf(record: ChildRecordView, measure: ChartMeasure) {
  return record.measurements.filter((m) => m.kind === measure).sort(byDate((m) => m.on));
}

/** 「4か月　6.5kg　50〜75パーセンタイルの間」 for the latest measurement, or that there is none. */
export function latestLine(record: ChildRecordView, measure: ChartMeasure): string {
  const latest = measurementsOf(record, measure).at(-1);
  if (!latest) return ja.health.noMeasurement(ja.health.sections[measure]);
  return ja.health.latest(
    ageText(latest.ageMonths),
    `${latest.value}${latest.unit}`,
    latest.position ?? ja.health.noCurve,
  );
}

export function checkupLines(record: ChildRecordView): string[] {
  if (record.checkups.length === 0) return [ja.health.noCheckups];
  return [...record.checkups]
    .sort(byDate((c) => c.on))
    .reverse()
    .flatMap((c) => [
      ja.health.checkupRow(warekiDate(c.on), c.name),
      ja.health.checkupResult(c.note ? `${c.result}（${c.note}）` : c.result),
    ]);
}

export function immunisationLines(record: ChildRecordView): string[] {
  if (record.due.length === 0 && record.given.length === 0) return [ja.health.noImmunisations];
  const due = [...record.due].sort(byDate((d) => d.dueOn));
  const given = [...record.given].sort(byDate((g) => g.on)).reverse();
  return [
    ...(due.length > 0 ? [ja.health.dueHeading] : []),
    ...due.flatMap((d) => [
      ja.health.dueName(d.name, d.label),
      ja.health.dueWhen(warekiDate(d.dueOn), warekiDate(d.closesOn)),
    ]),
    ...(given.length > 0 ? [ja.health.givenHeading] : []),
    ...given.map((g) => ja.health.givenRow(warekiDate(g.on), g.name, g.dose)),
  ];
}

/** What is said first on the immunisations: the next dose due, if any. */
export function nextDueSpoken(record: ChildRecordView): string | undefined {
  const [next] = [...record.due].sort(byDate((d) => d.dueOn));
  return next && ja.health.nextDue(ja.health.dueName(next.name, next.label), warekiDate(next.dueOn));
}
