// Reading a FHIR R4 Bundle of a municipality's child health records (JP-Core shapes) into records, checking
// every entry and naming what is wrong with each: the whole bundle is refused when any entry is (nothing is
// half-stored; the sender fixes and sends again). What is read, and from where:
// - Patient (JP_Patient): identifier[0] system + value (the municipality's own id), managingOrganization
//   .identifier = the municipality (全国地方公共団体コード, system `localGovernmentCodeSystem`), gender, birthDate,
//   the kanji (IDE) and kana (SYL) names.
// - Observation, body measurement: code with LOINC 29463-7 weight (kg), 8302-2 height (cm), 9843-4 head
//   circumference (cm) or the JP-Core MEDIS code of the same; valueQuantity in UCUM `kg` / `cm`.
// - Observation, checkup (乳幼児健診) result: category `exam`, a coded `code` (its text names the checkup),
//   valueString (the result, as written) and optional note.
// - Immunization (JP_Immunization): a coded vaccineCode (HOT / YJ, or our routine-vaccine code to place it on
//   the schedule), occurrenceDateTime, protocolApplied[0].doseNumberPositiveInt, the DueDateOfNextDose extension.
import { type RoutineVaccine, routineVaccines } from './immunisation-schedule.ts';

export const localGovernmentCodeSystem = 'https://myna-tv.jp/fhir/NamingSystem/local-government-code';
export const routineVaccineSystem = 'https://myna-tv.jp/fhir/CodeSystem/routine-vaccine';
export const dueDateOfNextDoseUrl =
  'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Immunization_DueDateOfNextDose';
const loinc = 'http://loinc.org';
const jpBodyCodes = 'http://jpfhir.jp/fhir/core/CodeSystem/JP_ObservationBodyMeasurementCode_CS';
const observationCategory = 'http://terminology.hl7.org/CodeSystem/observation-category';

const measurementCodes = {
  weight: { loinc: '29463-7', jp: '31000296', unit: 'kg' },
  height: { loinc: '8302-2', jp: '31000298', unit: 'cm' },
  head: { loinc: '9843-4', jp: '31006116', unit: 'cm' },
} as const;
export type MeasurementKind = keyof typeof measurementCodes;

export const entryProblemCodes = [
  'resource-type',
  'code-missing',
  'unit',
  'future-date',
  'wrong-municipality',
  'subject',
  'invalid',
] as const;
export type EntryProblemCode = (typeof entryProblemCodes)[number];

export interface EntryProblem {
  /** Index in Bundle.entry. */
  entry: number;
  resourceType: string | null;
  id: string | null;
  code: EntryProblemCode;
  message: string;
}

export interface BundleChild {
  ref: string;
  identifier: { system: string; value: string };
  patient: { nameKanji: string | null; nameKana: string | null; birthDate: string; sex: 'male' | 'female' };
}

export type BundleRecord =
  | { kind: MeasurementKind; value: number; unit: 'kg' | 'cm'; note: string | null }
  | { kind: 'checkup'; name: string; result: string; note: string | null }
  | {
      kind: 'immunization';
      vaccineText: string;
      vaccine: RoutineVaccine | null;
      doseNumber: number | null;
      nextDoseOn: string | null;
    };

export interface BundleEntry {
  childRef: string;
  resourceType: 'Observation' | 'Immunization';
  resourceId: string;
  effectiveOn: string;
  record: BundleRecord;
}

export interface ReadBundle {
  children: BundleChild[];
  entries: BundleEntry[];
  problems: EntryProblem[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const codings = (concept: unknown) =>
  arr(obj(concept)?.coding).map((c) => ({ system: str(obj(c)?.system), code: str(obj(c)?.code) }));

class Problem extends Error {
  constructor(
    readonly code: EntryProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const dateRe = /^\d{4}-\d{2}-\d{2}/;

/** The Japan date (YYYY-MM-DD) of a FHIR date or dateTime; refused when after `today`. */
function pastDate(value: unknown, field: string, today: string): string {
  const text = str(value);
  if (text === undefined || !dateRe.test(text) || Number.isNaN(Date.parse(text)))
    throw new Problem('invalid', `${field} must be a FHIR date or dateTime`);
  const day =
    text.length <= 10 ? text : new Date(Date.parse(text) + 9 * 3_600_000).toISOString().slice(0, 10);
  if (day > today) throw new Problem('future-date', `${field} ${text} is in the future`);
  return day;
}

function readPatient(resource: Json, ref: string, municipality: string, today: string): BundleChild {
  const identifier = arr(resource.identifier).map(obj)[0];
  const system = str(identifier?.system);
  const value = str(identifier?.value);
  if (system === undefined || value === undefined)
    throw new Problem('invalid', 'Patient.identifier needs a system and a value');
  const managing = obj(obj(resource.managingOrganization)?.identifier);
  const code = str(managing?.value);
  if (str(managing?.system) !== localGovernmentCodeSystem || code === undefined || !/^\d{6}$/.test(code))
    throw new Problem(
      'wrong-municipality',
      `Patient.managingOrganization.identifier must name the municipality (${localGovernmentCodeSystem})`,
    );
  if (code !== municipality)
    throw new Problem('wrong-municipality', `the child belongs to municipality ${code}, not the sender's`);
  const gender = resource.gender;
  if (gender !== 'male' && gender !== 'female')
    throw new Problem('invalid', 'Patient.gender must be male or female (the growth curves are by sex)');
  const birthDate = pastDate(resource.birthDate, 'Patient.birthDate', today);
  const nameOf = (representation: string) => {
    const name = arr(resource.name)
      .map(obj)
      .find((n) => arr(n?.extension).some((e) => obj(e)?.valueCode === representation));
    return str(name?.text) ?? null;
  };
  const kanji = nameOf('IDE') ?? str(obj(arr(resource.name)[0])?.text) ?? null;
  return {
    ref,
    identifier: { system, value },
    patient: { nameKanji: kanji, nameKana: nameOf('SYL'), birthDate, sex: gender },
  };
}

function readObservation(resource: Json, today: string): Pick<BundleEntry, 'effectiveOn' | 'record'> {
  const code = codings(resource.code);
  const categories = arr(resource.category).flatMap(codings);
  const note = str(obj(arr(resource.note)[0])?.text) ?? null;
  const effective = resource.effectiveDateTime ?? obj(resource.effectivePeriod)?.start;
  if (categories.some((c) => c.system === observationCategory && c.code === 'exam')) {
    if (code.every((c) => c.code === undefined))
      throw new Problem('code-missing', 'a checkup needs a coded code');
    const result = str(resource.valueString);
    if (result === undefined) throw new Problem('invalid', 'a checkup result needs valueString');
    const name = str(obj(resource.code)?.text) ?? '健診';
    return {
      effectiveOn: pastDate(effective, 'Observation.effective', today),
      record: { kind: 'checkup', name, result, note },
    };
  }
  const kind = (Object.keys(measurementCodes) as MeasurementKind[]).find((k) =>
    code.some(
      (c) =>
        (c.system === loinc && c.code === measurementCodes[k].loinc) ||
        (c.system === jpBodyCodes && c.code === measurementCodes[k].jp),
    ),
  );
  if (kind === undefined)
    throw new Problem(
      'code-missing',
      'Observation.code needs LOINC 29463-7 (weight), 8302-2 (height) or 9843-4 (head circumference)',
    );
  const quantity = obj(resource.valueQuantity);
  const unit = str(quantity?.code) ?? str(quantity?.unit);
  const expected = measurementCodes[kind].unit;
  if (unit !== expected)
    throw new Problem('unit', `${kind} must be in ${expected} (UCUM code), not ${unit ?? 'no unit'}`);
  const value = quantity?.value;
  if (typeof value !== 'number' || !(value > 0) || value > 500)
    throw new Problem('invalid', 'valueQuantity.value must be a positive number');
  return {
    effectiveOn: pastDate(effective, 'Observation.effectiveDateTime', today),
    record: { kind, value, unit: expected, note },
  };
}

function readImmunization(resource: Json, today: string): Pick<BundleEntry, 'effectiveOn' | 'record'> {
  if (resource.status !== 'completed')
    throw new Problem('invalid', 'only completed immunizations are recorded (status)');
  const code = codings(resource.vaccineCode);
  if (code.every((c) => c.code === undefined))
    throw new Problem('code-missing', 'Immunization.vaccineCode needs a coding (HOT, YJ or routine-vaccine)');
  const routine = code.find((c) => c.system === routineVaccineSystem)?.code;
  if (routine !== undefined && !(routineVaccines as readonly string[]).includes(routine))
    throw new Problem('code-missing', `unknown routine vaccine code ${routine}`);
  const dose = obj(arr(resource.protocolApplied)[0])?.doseNumberPositiveInt;
  if (dose !== undefined && !(Number.isInteger(dose) && (dose as number) > 0))
    throw new Problem('invalid', 'doseNumberPositiveInt must be a positive integer');
  const next = arr(resource.extension)
    .map(obj)
    .find((e) => e?.url === dueDateOfNextDoseUrl)?.valueDate;
  const nextDoseOn = next === undefined ? null : str(next)?.slice(0, 10);
  if (nextDoseOn === undefined || (nextDoseOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(nextDoseOn)))
    throw new Problem('invalid', 'DueDateOfNextDose must be a date');
  return {
    effectiveOn: pastDate(resource.occurrenceDateTime, 'Immunization.occurrenceDateTime', today),
    record: {
      kind: 'immunization',
      vaccineText: str(obj(resource.vaccineCode)?.text) ?? code.find((c) => c.code)?.code ?? '',
      vaccine: (routine as RoutineVaccine | undefined) ?? null,
      doseNumber: (dose as number | undefined) ?? null,
      nextDoseOn,
    },
  };
}

/** The Patient an entry's subject/patient reference names, by fullUrl or `Patient/<id>`. */
function subjectRef(resource: Json): string | undefined {
  return str(obj(resource.subject ?? resource.patient)?.reference);
}

/**
 * Reads a bundle sent by `municipality` on `today` (Japan date). Patients first (so references resolve), then
 * every other entry. Problems are listed per entry; records are only meaningful when there are none.
 */
export function readBundle(bundle: unknown, options: { municipality: string; today: string }): ReadBundle {
  const { municipality, today } = options;
  const problems: EntryProblem[] = [];
  const children: BundleChild[] = [];
  const entries: BundleEntry[] = [];
  const refs = new Map<string, string>();
  const items = arr(obj(bundle)?.entry).map((e, index) => ({
    index,
    fullUrl: str(obj(e)?.fullUrl),
    resource: obj(obj(e)?.resource),
  }));
  const note = (index: number, resource: Json | undefined, error: unknown) => {
    if (!(error instanceof Problem)) throw error;
    problems.push({
      entry: index,
      resourceType: str(resource?.resourceType) ?? null,
      id: str(resource?.id) ?? null,
      code: error.code,
      message: error.message,
    });
  };
  for (const { index, fullUrl, resource } of items) {
    if (resource?.resourceType !== 'Patient') continue;
    try {
      const ref = `Patient/${str(resource.id) ?? index}`;
      const child = readPatient(resource, ref, municipality, today);
      children.push(child);
      refs.set(ref, ref);
      if (fullUrl !== undefined) refs.set(fullUrl, ref);
    } catch (error) {
      note(index, resource, error);
    }
  }
  for (const { index, resource } of items) {
    if (resource?.resourceType === 'Patient') continue;
    try {
      const type = resource?.resourceType;
      if (resource === undefined || (type !== 'Observation' && type !== 'Immunization'))
        throw new Problem(
          'resource-type',
          `entry resource must be Patient, Observation or Immunization, not ${str(type) ?? 'nothing'}`,
        );
      const id = str(resource.id);
      if (id === undefined)
        throw new Problem('invalid', `${type}.id is needed to correct it by a later send`);
      const ref = subjectRef(resource);
      const childRef = ref === undefined ? undefined : refs.get(ref);
      if (childRef === undefined)
        throw new Problem(
          'subject',
          `${type} must refer to a Patient of this bundle (${ref ?? 'no reference'})`,
        );
      const read =
        type === 'Observation' ? readObservation(resource, today) : readImmunization(resource, today);
      entries.push({ childRef, resourceType: type, resourceId: id, ...read });
    } catch (error) {
      note(index, resource, error);
    }
  }
  if (items.length === 0 && obj(bundle)?.resourceType === 'Bundle')
    problems.push({
      entry: -1,
      resourceType: 'Bundle',
      id: null,
      code: 'invalid',
      message: 'the bundle has no entries',
    });
  return { children, entries, problems };
}
