// The routine immunisation schedule (定期接種, A類) for children, as due dates per dose: what is due when, from
// the birth date and the doses already given. Facts from MHLW-based municipal pages (legal window, standard
// timing, minimum interval; 2026 schedule incl. 5種混合 and PCV20). A dose falls due at the later of its
// standard age and its minimum interval after the dose it follows; it closes at the end of the legal window.
// Rotavirus is scheduled as the 1価 product (2 doses): a 3rd 5価 dose is shown when it is recorded.

export const routineVaccines = [
  'hepb',
  'rota',
  'dpt_ipv_hib',
  'pcv',
  'bcg',
  'mr1',
  'mr2',
  'varicella',
  'je1',
  'je2',
  'dt2',
  'hpv',
] as const;
export type RoutineVaccine = (typeof routineVaccines)[number];

/** When a dose opens: an age (months, days) or a school year start; plus after an earlier dose. */
interface DoseRule {
  dose: number;
  label: string;
  ageMonths?: number;
  /** 年長 (MR 2期) or 中1 (HPV): from April 1 of that school year. */
  schoolYear?: SchoolYear;
  after?: { dose: number; days?: number; months?: number };
}
type SchoolYear = 'nencho' | 'chu1';

interface VaccineRule {
  vaccine: RoutineVaccine;
  name: string;
  /** Legal window end (exclusive), in months of age. */
  legalUntilMonths: number;
  girlsOnly?: boolean;
  doses: DoseRule[];
}

/** The minimum interval after an earlier dose (the one before, unless named). */
type Interval = { dose?: number; days?: number; months?: number };
const days = (n: number, dose?: number): Interval => ({ days: n, ...(dose === undefined ? {} : { dose }) });
const months = (n: number): Interval => ({ months: n });

/** A dose as written in the table: its label, when it opens (months of age or a school year), its interval. */
type DoseRow = [label: string, opens: number | SchoolYear, after?: Interval];

/** A vaccine's rule from its table rows; doses are numbered in order. */
function vaccine(rule: Omit<VaccineRule, 'doses'>, ...rows: DoseRow[]): VaccineRule {
  return {
    ...rule,
    doses: rows.map(([label, opens, after], index) => ({
      dose: index + 1,
      label,
      ...(typeof opens === 'number' ? { ageMonths: opens } : { schoolYear: opens }),
      ...(after === undefined ? {} : { after: { ...after, dose: after.dose ?? index } }),
    })),
  };
}

export const routineSchedule: readonly VaccineRule[] = [
  vaccine(
    { vaccine: 'hepb', name: 'B型肝炎', legalUntilMonths: 12 },
    ['1回目', 2],
    ['2回目', 3, days(27)],
    ['3回目', 7, days(139, 1)],
  ),
  // 1価: 6 weeks to 24 weeks.
  vaccine(
    { vaccine: 'rota', name: 'ロタウイルス', legalUntilMonths: 168 / (365.25 / 12) },
    ['1回目', 2],
    ['2回目', 3, days(27)],
  ),
  vaccine(
    { vaccine: 'dpt_ipv_hib', name: '5種混合', legalUntilMonths: 90 },
    ['1期初回 1回目', 2],
    ['1期初回 2回目', 3, days(20)],
    ['1期初回 3回目', 4, days(20)],
    ['1期追加', 12, months(6)],
  ),
  vaccine(
    { vaccine: 'pcv', name: '小児用肺炎球菌', legalUntilMonths: 60 },
    ['初回 1回目', 2],
    ['初回 2回目', 3, days(27)],
    ['初回 3回目', 4, days(27)],
    ['追加', 12, days(60)],
  ),
  vaccine({ vaccine: 'bcg', name: 'BCG', legalUntilMonths: 12 }, ['1回', 5]),
  vaccine({ vaccine: 'mr1', name: '麻しん風しん(MR) 1期', legalUntilMonths: 24 }, ['1回', 12]),
  vaccine({ vaccine: 'mr2', name: '麻しん風しん(MR) 2期', legalUntilMonths: 84 }, ['1回（年長）', 'nencho']),
  vaccine(
    { vaccine: 'varicella', name: '水痘', legalUntilMonths: 36 },
    ['1回目', 12],
    ['2回目', 18, months(3)],
  ),
  vaccine(
    { vaccine: 'je1', name: '日本脳炎 1期', legalUntilMonths: 90 },
    ['1期初回 1回目', 36],
    ['1期初回 2回目', 36, days(6)],
    ['1期追加', 48, months(6)],
  ),
  vaccine({ vaccine: 'je2', name: '日本脳炎 2期', legalUntilMonths: 156 }, ['2期', 108]),
  vaccine({ vaccine: 'dt2', name: '二種混合(DT) 2期', legalUntilMonths: 156 }, ['2期', 132]),
  vaccine(
    { vaccine: 'hpv', name: 'HPV', legalUntilMonths: 204, girlsOnly: true },
    ['1回目', 'chu1'],
    ['2回目', 'chu1', months(5)],
  ),
];

export interface GivenDose {
  vaccine: string;
  dose: number;
  /** YYYY-MM-DD */
  date: string;
  /** The next-dose date the clinic recorded (JP-Core DueDateOfNextDose), if any. */
  nextDoseOn?: string | null;
}

export interface DueDose {
  vaccine: RoutineVaccine;
  name: string;
  dose: number;
  label: string;
  /** YYYY-MM-DD: from this day the dose is due. */
  dueOn: string;
  /** YYYY-MM-DD, exclusive: the legal window closes. */
  closesOn: string;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function addMonths(date: string, months: number): string {
  const whole = Math.floor(months);
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + whole);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return addDays(isoDay(d), Math.round((months - whole) * (365.25 / 12)));
}

function addDays(date: string, days: number): string {
  return isoDay(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** April 1 of the year the child enters elementary school (学校教育法: the first April after turning six). */
function schoolEntry(birthDate: string): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return m < 4 || (m === 4 && d === 1) ? y + 6 : y + 7;
}

function schoolYearStart(birthDate: string, year: 'nencho' | 'chu1'): string {
  const entry = schoolEntry(birthDate);
  return `${year === 'nencho' ? entry - 1 : entry + 6}-04-01`;
}

/**
 * The routine doses not yet given, with their due dates, next due first. A dose recorded with a next-dose
 * date moves the following dose to that date (the clinic's appointment) unless the rules need it later.
 * Doses whose legal window has closed are left out (the municipality advises on catch-up, not the TV).
 */
export function dueDoses(options: {
  birthDate: string;
  sex: 'male' | 'female';
  given: readonly GivenDose[];
  today: string;
}): DueDose[] {
  const { birthDate, given, today } = options;
  const due: DueDose[] = [];
  for (const rule of routineSchedule) {
    if (rule.girlsOnly && options.sex !== 'female') continue;
    const closesOn = addMonths(birthDate, rule.legalUntilMonths);
    const doneOf = (dose: number) => given.find((g) => g.vaccine === rule.vaccine && g.dose === dose);
    for (const dose of rule.doses) {
      if (doneOf(dose.dose)) continue;
      let dueOn =
        dose.schoolYear !== undefined
          ? schoolYearStart(birthDate, dose.schoolYear)
          : addMonths(birthDate, dose.ageMonths ?? 0);
      const previous = doneOf(dose.dose - 1);
      if (dose.after !== undefined) {
        const base = doneOf(dose.after.dose);
        // Waiting for an earlier dose: this one is not due yet, the earlier one is listed.
        if (base === undefined) break;
        const earliest =
          dose.after.months !== undefined
            ? addMonths(base.date, dose.after.months)
            : addDays(base.date, dose.after.days ?? 0);
        if (earliest > dueOn) dueOn = earliest;
      }
      if (previous?.nextDoseOn && previous.nextDoseOn > dueOn) dueOn = previous.nextDoseOn;
      if (dueOn < closesOn && closesOn > today) {
        due.push({
          vaccine: rule.vaccine,
          name: rule.name,
          dose: dose.dose,
          label: dose.label,
          dueOn,
          closesOn,
        });
      }
      break;
    }
  }
  return due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.vaccine.localeCompare(b.vaccine));
}

export function vaccineName(vaccine: string): string | undefined {
  return routineSchedule.find((r) => r.vaccine === vaccine)?.name;
}
