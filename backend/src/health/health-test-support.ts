// Test support: FHIR R4 resources as a municipality sends them (JP-Core shapes), composed from the JP-Core
// profiles' rules, for the route tests and the import bench.
import { dueDateOfNextDoseUrl, localGovernmentCodeSystem, routineVaccineSystem } from './fhir-bundle.ts';

export const childIdSystem = 'urn:oid:1.2.392.100495.20.3.51.11311234567';

export function patient(
  id: string,
  options: { municipality: string; birthDate: string; gender?: 'male' | 'female'; name?: string },
) {
  return {
    resourceType: 'Patient',
    id,
    meta: { profile: ['http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient'] },
    identifier: [{ system: childIdSystem, value: id }],
    name: [
      {
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'IDE' },
        ],
        use: 'official',
        text: options.name ?? '美波 はな',
      },
      {
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'SYL' },
        ],
        use: 'official',
        text: 'ミナミ ハナ',
      },
    ],
    gender: options.gender ?? 'female',
    birthDate: options.birthDate,
    managingOrganization: { identifier: { system: localGovernmentCodeSystem, value: options.municipality } },
  };
}

const loincOf = { weight: ['29463-7', 'kg'], height: ['8302-2', 'cm'], head: ['9843-4', 'cm'] } as const;

export function measurement(
  id: string,
  child: string,
  kind: keyof typeof loincOf,
  value: number,
  at: string,
  unit: string = loincOf[kind][1],
) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS',
            code: 'body-measurement',
          },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: loincOf[kind][0] }] },
    subject: { reference: `Patient/${child}` },
    effectiveDateTime: at,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

export function checkup(id: string, child: string, name: string, result: string, at: string) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'exam' }] },
    ],
    code: { coding: [{ system: 'urn:oid:1.2.392.200119.6.1001', code: '43' }], text: name },
    subject: { reference: `Patient/${child}` },
    effectiveDateTime: at,
    valueString: result,
  };
}

export function immunization(
  id: string,
  child: string,
  options: { vaccine: string; dose: number; at: string; nextDoseOn?: string },
) {
  return {
    resourceType: 'Immunization',
    id,
    ...(options.nextDoseOn
      ? { extension: [{ url: dueDateOfNextDoseUrl, valueDate: options.nextDoseOn }] }
      : {}),
    status: 'completed',
    vaccineCode: { coding: [{ system: routineVaccineSystem, code: options.vaccine }] },
    patient: { reference: `Patient/${child}` },
    occurrenceDateTime: options.at,
    protocolApplied: [{ doseNumberPositiveInt: options.dose }],
  };
}

export function bundle(...resources: object[]) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
}
